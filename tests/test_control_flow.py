"""Multi-subgraph models: IF, WHILE, CALL_ONCE and resource variables (VAR_HANDLE,
READ_VARIABLE, ASSIGN_VARIABLE) against the oracle on models built here, including reset(),
the memory plan next to TFLM's, and the invalid models each must reject."""
import os
import re
import sys
import tempfile

import numpy as np
import pytest

import tflm_host
from oracle import (KERNEL_VARIANTS, _oracle_runtime, assert_matches_oracle,
                    assert_same_outputs)
from test_no_allocation import invoke_malloc_counts
from tflm_host.builder import ModelBuilder


# -- helpers ------------------------------------------------------------------------------

def _run_steps(interp, steps, num_outputs):
    """Each step is a list of inputs (set them, invoke, collect the outputs) or "reset"."""
    results = []
    for step in steps:
        if isinstance(step, str):
            assert step == "reset"
            interp.reset()
            continue
        for i, x in enumerate(step):
            interp.set_input(x, i)
        interp.invoke()
        results.append([interp.get_output(i) for i in range(num_outputs)])
    return results


def assert_steps_match_oracle(model, steps):
    """Invokes and resets in order, in the oracle and in every kernel variant."""
    runtime = _oracle_runtime()
    oracle = runtime.Interpreter.from_bytes(bytes(model), arena_size=256 * 1024)
    num_outputs = len(tflm_host.load_model(model).main.outputs)
    expected = _run_steps(oracle, steps, num_outputs)
    for variant in KERNEL_VARIANTS:
        interp = tflm_host.Interpreter(model, kernels=variant)
        assert_same_outputs(_run_steps(interp, steps, num_outputs), expected, variant)
    return expected


def oracle_head_bytes(model, inputs) -> int:
    """TFLM's planned ("head") arena bytes, from the oracle's print_allocations (C stderr)."""
    runtime = _oracle_runtime()
    oracle = runtime.Interpreter.from_bytes(bytes(model), arena_size=256 * 1024)
    for i, x in enumerate(inputs):
        oracle.set_input(x, i)
    oracle.invoke()
    sys.stderr.flush()
    with tempfile.TemporaryFile() as capture:
        saved = os.dup(2)
        os.dup2(capture.fileno(), 2)
        try:
            oracle.print_allocations()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        capture.seek(0)
        text = capture.read().decode()
    return int(re.search(r"Arena allocation head (\d+) bytes", text).group(1))


def _binary_branch(b, op, shape, dtype, name, quant=None):
    """A subgraph (a, b) -> op(a, b)."""
    quant = quant or {}
    g = b.add_subgraph(name)
    x = g.add_input("a", shape, dtype, **quant)
    y = g.add_input("b", shape, dtype, **quant)
    out = g.add_tensor("out", shape, dtype, **quant)
    g.add_operator(op, [x, y], [out])
    g.add_output(out)
    return g


def if_model(dtype="FLOAT32", shape=(2, 3), quant=None, then_op="ADD", else_op="MUL"):
    """y = IF(cond, x, z) with then: x `then_op` z, else: x `else_op` z; then w = y + x."""
    quant = quant or {}
    b = ModelBuilder()
    cond = b.add_input("cond", [1], "BOOL")
    x = b.add_input("x", shape, dtype, **quant)
    z = b.add_input("z", shape, dtype, **quant)
    y = b.add_tensor("y", shape, dtype, **quant)
    w = b.add_tensor("w", shape, dtype, **quant)
    then = _binary_branch(b, then_op, shape, dtype, "then", quant)
    other = _binary_branch(b, else_op, shape, dtype, "else", quant)
    b.add_operator("IF", [cond, x, z], [y], then_subgraph_index=then.index,
                   else_subgraph_index=other.index)
    b.add_operator("ADD", [y, x], [w])
    b.add_output(w)
    b.add_output(y)
    return b.build()


def while_model(steps_max=6, width=4, fixed_iterations=None):
    """A counted loop. The state is (flags, i, x): flags is a BOOL schedule the body shifts left
    by one each iteration (filling with False) and the condition reads its first element, so
    the loop runs as many times as flags starts with True; the body adds 1 to the counter i
    and doubles x then adds 0.5. With `fixed_iterations` the schedule is a constant."""
    b = ModelBuilder()
    if fixed_iterations is None:
        flags = b.add_input("flags", [steps_max], "BOOL")
    else:
        flags = b.add_constant("flags", _schedule(fixed_iterations, steps_max))
    i = b.add_input("i", [1], "INT32")
    x = b.add_input("x", [width], "FLOAT32")
    outs = [b.add_tensor("flags_out", [steps_max], "BOOL"), b.add_tensor("i_out", [1], "INT32"),
            b.add_tensor("x_out", [width], "FLOAT32")]

    cond = b.add_subgraph("cond")
    c_in = [cond.add_input("flags", [steps_max], "BOOL"), cond.add_input("i", [1], "INT32"),
            cond.add_input("x", [width], "FLOAT32")]
    first = cond.add_tensor("first", [1], "BOOL")
    cond.add_operator("STRIDED_SLICE", [c_in[0], cond.add_constant("b", np.array([0], np.int32)),
                                        cond.add_constant("e", np.array([1], np.int32)),
                                        cond.add_constant("s", np.array([1], np.int32))], [first])
    cond.add_output(first)

    body = b.add_subgraph("body")
    f_in = body.add_input("flags", [steps_max], "BOOL")
    i_in = body.add_input("i", [1], "INT32")
    x_in = body.add_input("x", [width], "FLOAT32")
    rest = body.add_tensor("rest", [steps_max - 1], "BOOL")
    body.add_operator("STRIDED_SLICE", [f_in, body.add_constant("b", np.array([1], np.int32)),
                                        body.add_constant("e", np.array([steps_max], np.int32)),
                                        body.add_constant("s", np.array([1], np.int32))], [rest])
    f_out = body.add_tensor("flags_next", [steps_max], "BOOL")
    body.add_operator("CONCATENATION", [rest, body.add_constant("no", np.array([False]))],
                      [f_out], axis=0)
    i_out = body.add_tensor("i_next", [1], "INT32")
    body.add_operator("ADD", [i_in, body.add_constant("one", np.array([1], np.int32))], [i_out])
    doubled = body.add_tensor("doubled", [width], "FLOAT32")
    body.add_operator("ADD", [x_in, x_in], [doubled])
    x_out = body.add_tensor("x_next", [width], "FLOAT32")
    body.add_operator("ADD", [doubled, body.add_constant("half", np.full([width], 0.5, np.float32))],
                      [x_out])
    for t in (f_out, i_out, x_out):
        body.add_output(t)

    b.add_operator("WHILE", [flags, i, x], outs, cond_subgraph_index=cond.index,
                   body_subgraph_index=body.index)
    for t in outs:
        b.add_output(t)
    return b.build()


def _schedule(n, steps_max=6):
    return np.array([k < n for k in range(steps_max)])


def call_once_model(dtype="FLOAT32", shape=(4,), quant=None, init_value=None,
                    container=None):
    """CALL_ONCE(init) assigns `init_value` to variable "acc"; every invoke then reads acc,
    outputs acc + x and stores that back (a running sum)."""
    quant = quant or {}
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **quant)
    init = b.add_subgraph("init")
    handle = init.add_tensor("h", [], "RESOURCE")
    names = {"shared_name": "acc"} if container is None else {"shared_name": "acc",
                                                               "container": container}
    init.add_operator("VAR_HANDLE", [], [handle], **names)
    value = init.add_constant("value", init_value, dtype, **quant)
    init.add_operator("ASSIGN_VARIABLE", [handle, value], [])

    b.add_operator("CALL_ONCE", [], [], init_subgraph_index=init.index)
    h = b.add_tensor("h", [], "RESOURCE")
    b.add_operator("VAR_HANDLE", [], [h], **names)
    acc = b.add_tensor("acc", shape, dtype, **quant)
    b.add_operator("READ_VARIABLE", [h], [acc])
    total = b.add_tensor("total", shape, dtype, **quant)
    b.add_operator("ADD", [acc, x], [total])
    b.add_operator("ASSIGN_VARIABLE", [h, total], [])
    b.add_output(total)
    return b.build()


def delay_model(dtype="INT8", shape=(3,), quant=None):
    """y = the x of the previous invoke, kept in resource variable "prev" (no CALL_ONCE: the
    first read sees the variable's default, the zero point)."""
    quant = quant or {}
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **quant)
    h = b.add_tensor("h", [], "RESOURCE")
    b.add_operator("VAR_HANDLE", [], [h], container="", shared_name="prev")
    prev = b.add_tensor("prev", shape, dtype, **quant)
    b.add_operator("READ_VARIABLE", [h], [prev])
    b.add_operator("ASSIGN_VARIABLE", [h, x], [])
    y = b.add_tensor("y", shape, dtype, **quant)
    b.add_operator("RESHAPE", [prev], [y])
    b.add_output(y)
    return b.build()


def _rejects(model, match):
    with pytest.raises(tflm_host.PrepareError, match=match):
        tflm_host.Interpreter(model)


# -- IF -----------------------------------------------------------------------------------

def test_if_picks_the_branch_the_condition_names():
    model = if_model()
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    z = np.full((2, 3), 3.0, np.float32)
    steps = [[np.array([True]), x, z], [np.array([False]), x, z], [np.array([True]), z, x]]
    expected = assert_steps_match_oracle(model, steps)
    np.testing.assert_array_equal(expected[0][1], x + z)   # then: ADD
    np.testing.assert_array_equal(expected[1][1], x * z)   # else: MUL


@pytest.mark.parametrize("dtype,quant", [("INT8", {"scale": 0.05, "zero_point": -3}),
                                         ("INT16", {"scale": 0.01, "zero_point": 0}),
                                         ("INT32", {})])
def test_if_on_integer_types(dtype, quant):
    rng = np.random.default_rng(3)
    info = np.iinfo(dtype.lower())
    lo, hi = (info.min, info.max) if dtype != "INT32" else (-1000, 1000)
    steps = [[np.array([c]), *(rng.integers(lo, hi, (2, 3), endpoint=True).astype(dtype.lower())
                               for _ in range(2))] for c in (True, False, False, True)]
    assert_steps_match_oracle(if_model(dtype, quant=quant), steps)


def test_if_with_random_conditions():
    assert_matches_oracle(if_model(), invokes=6, seed=5)


def test_nested_if_inside_a_branch():
    # The then-branch itself holds an IF between two further subgraphs.
    b = ModelBuilder()
    c1 = b.add_input("c1", [1], "BOOL")
    c2 = b.add_input("c2", [1], "BOOL")
    x = b.add_input("x", [5], "FLOAT32")
    y = b.add_tensor("y", [5], "FLOAT32")
    outer_then = b.add_subgraph("outer_then")
    inner_add = _binary_branch(b, "ADD", [5], "FLOAT32", "inner_add")
    inner_sub = _binary_branch(b, "SUB", [5], "FLOAT32", "inner_sub")
    # The else-branch takes the inner condition too (both branches need the IF's arity).
    outer_else = b.add_subgraph("outer_else")
    outer_else.add_input("c", [1], "BOOL")
    ea = outer_else.add_input("a", [5], "FLOAT32")
    eb = outer_else.add_input("b", [5], "FLOAT32")
    eo = outer_else.add_tensor("o", [5], "FLOAT32")
    outer_else.add_operator("MUL", [ea, eb], [eo])
    outer_else.add_output(eo)
    oc = outer_then.add_input("c", [1], "BOOL")
    oa = outer_then.add_input("a", [5], "FLOAT32")
    ob = outer_then.add_input("b", [5], "FLOAT32")
    oo = outer_then.add_tensor("o", [5], "FLOAT32")
    outer_then.add_operator("IF", [oc, oa, ob], [oo], then_subgraph_index=inner_add.index,
                            else_subgraph_index=inner_sub.index)
    outer_then.add_output(oo)
    b.add_operator("IF", [c1, c2, x, x], [y], then_subgraph_index=outer_then.index,
                   else_subgraph_index=outer_else.index)
    b.add_output(y)
    model = b.build()
    xs = np.linspace(-2, 2, 5, dtype=np.float32)
    steps = [[np.array([a]), np.array([c]), xs] for a in (True, False) for c in (True, False)]
    expected = assert_steps_match_oracle(model, steps)
    np.testing.assert_array_equal(expected[0][0], xs + xs)
    np.testing.assert_array_equal(expected[1][0], xs - xs)
    np.testing.assert_array_equal(expected[2][0], xs * xs)


def _bad_if(cond_dtype="BOOL", cond_shape=(1,), width=3, branch_width=3, data_inputs=2,
            else_index=None):
    """IF(c, x, ...) over an ADD branch, with one thing wrong as the arguments say."""
    b = ModelBuilder()
    c = b.add_input("c", cond_shape, cond_dtype)
    x = b.add_input("x", [width], "FLOAT32")
    y = b.add_tensor("y", [width], "FLOAT32")
    g = _binary_branch(b, "ADD", [branch_width], "FLOAT32", "g")
    b.add_operator("IF", [c] + [x] * data_inputs, [y], then_subgraph_index=g.index,
                   else_subgraph_index=g.index if else_index is None else else_index)
    b.add_output(y)
    return b.build()


def test_if_rejects_invalid_models():
    _rejects(_bad_if(cond_dtype="INT32"), "condition must be BOOL, got INT32")
    _rejects(_bad_if(cond_shape=(2,)), "condition has 2 elements, expected 1")
    _rejects(_bad_if(else_index=7), "else_subgraph_index 7 is out of range: the model has 2 subgraphs")
    _rejects(_bad_if(data_inputs=1), "IF input has 1 tensors, branch subgraph input has 2")
    _rejects(_bad_if(width=4), "IF input 0 has 16 bytes but branch subgraph input 0 has 12")


def test_recursive_subgraphs_are_rejected():
    # Subgraph 1 runs itself: TFLM's planner would recurse forever.
    b = ModelBuilder()
    c = b.add_input("c", [1], "BOOL")
    y = b.add_tensor("y", [1], "BOOL")
    g = b.add_subgraph("loop")
    gc = g.add_input("c", [1], "BOOL")
    go = g.add_tensor("o", [1], "BOOL")
    g.add_operator("IF", [gc, gc], [go], then_subgraph_index=1, else_subgraph_index=1)
    g.add_output(go)
    b.add_operator("IF", [c, c], [y], then_subgraph_index=1, else_subgraph_index=1)
    b.add_output(y)
    _rejects(b.build(), "subgraph 1 runs itself")


# -- WHILE --------------------------------------------------------------------------------

@pytest.mark.parametrize("iterations", [0, 1, 3, 6])
def test_while_runs_the_body_while_the_condition_holds(iterations):
    x = np.array([1.0, -2.0, 0.25, 3.0], np.float32)
    steps = [[_schedule(iterations), np.array([10], np.int32), x]]
    expected = assert_steps_match_oracle(while_model(), steps)
    flags, counter, result = expected[0]
    assert counter.tolist() == [10 + iterations]
    assert not flags.any() or iterations == 0
    want = x.copy()
    for _ in range(iterations):
        want = want * 2 + 0.5
    np.testing.assert_allclose(result, want)


def test_while_with_a_constant_schedule():
    x = np.array([1.0, 2.0, 3.0, 4.0], np.float32)
    expected = assert_steps_match_oracle(while_model(fixed_iterations=2),
                                         [[np.array([5], np.int32), x]] * 2)
    assert expected[1][1].tolist() == [7]


def test_while_over_several_invokes_with_different_counts():
    x = np.linspace(-1, 1, 4, dtype=np.float32)
    steps = [[_schedule(n), np.array([n], np.int32), x * n] for n in (2, 5, 0, 4, 1)]
    assert_steps_match_oracle(while_model(), steps)


def test_while_body_with_an_if_inside():
    # Each iteration doubles x (ADD) when the schedule's second flag is set, else squares it
    # (MUL): control flow nested in a loop body, its scopes nested twice.
    steps_max, width = 5, 3
    b = ModelBuilder()
    flags = b.add_input("flags", [steps_max], "BOOL")
    x = b.add_input("x", [width], "FLOAT32")
    outs = [b.add_tensor("flags_out", [steps_max], "BOOL"),
            b.add_tensor("x_out", [width], "FLOAT32")]
    double = _binary_branch(b, "ADD", [width], "FLOAT32", "double")
    square = _binary_branch(b, "MUL", [width], "FLOAT32", "square")

    def slice_flags(g, source, begin, end, name):
        out = g.add_tensor(name, [end - begin], "BOOL")
        g.add_operator("STRIDED_SLICE", [source, g.add_constant(name + "_b", np.array([begin], np.int32)),
                                         g.add_constant(name + "_e", np.array([end], np.int32)),
                                         g.add_constant(name + "_s", np.array([1], np.int32))], [out])
        return out

    cond = b.add_subgraph("cond")
    cf = cond.add_input("flags", [steps_max], "BOOL")
    cond.add_input("x", [width], "FLOAT32")
    cond.add_output(slice_flags(cond, cf, 0, 1, "first"))

    body = b.add_subgraph("body")
    bf = body.add_input("flags", [steps_max], "BOOL")
    bx = body.add_input("x", [width], "FLOAT32")
    choice = slice_flags(body, bf, 1, 2, "second")
    rest = slice_flags(body, bf, 1, steps_max, "rest")
    f_next = body.add_tensor("flags_next", [steps_max], "BOOL")
    body.add_operator("CONCATENATION", [rest, body.add_constant("no", np.array([False]))],
                      [f_next], axis=0)
    x_next = body.add_tensor("x_next", [width], "FLOAT32")
    body.add_operator("IF", [choice, bx, bx], [x_next], then_subgraph_index=double.index,
                      else_subgraph_index=square.index)
    body.add_output(f_next)
    body.add_output(x_next)

    b.add_operator("WHILE", [flags, x], outs, cond_subgraph_index=cond.index,
                   body_subgraph_index=body.index)
    for t in outs:
        b.add_output(t)
    x0 = np.array([1.5, -0.5, 2.0], np.float32)
    schedules = [[True, True, False, True, False], [True, False, True, True, False],
                 [True, True, True, True, True], [False, True, True, False, False]]
    expected = assert_steps_match_oracle(b.build(), [[np.array(s), x0] for s in schedules])
    # The first schedule runs 2 iterations: flags[1] = True (double), then False (square).
    np.testing.assert_allclose(expected[0][1], (2 * x0) ** 2)


def test_while_rejects_invalid_models():
    def model(cond_out_dtype="BOOL", body_out_width=3, n_out=1):
        b = ModelBuilder()
        x = b.add_input("x", [3], "FLOAT32")
        outs = [b.add_tensor(f"y{k}", [3], "FLOAT32") for k in range(n_out)]
        cond = b.add_subgraph("cond")
        ci = cond.add_input("x", [3], "FLOAT32")
        co = cond.add_tensor("c", [1], cond_out_dtype)
        cond.add_operator("RESHAPE", [cond.add_constant("k", np.array([1], np.int32)
                                                        .astype(cond_out_dtype.lower()
                                                                if cond_out_dtype != "BOOL"
                                                                else bool))], [co])
        cond.add_output(co)
        del ci
        body = b.add_subgraph("body")
        bi = body.add_input("x", [3], "FLOAT32")
        bo = body.add_tensor("o", [body_out_width], "FLOAT32")
        body.add_operator("RESHAPE", [bi], [bo])
        body.add_output(bo)
        b.add_operator("WHILE", [x], outs, cond_subgraph_index=cond.index,
                       body_subgraph_index=body.index)
        for t in outs:
            b.add_output(t)
        return b.build()

    _rejects(model(n_out=2), "WHILE input has 1 tensors, WHILE output has 2")
    _rejects(model(body_out_width=4), "RESHAPE|body subgraph output 0 has 16 bytes")


# -- CALL_ONCE and resource variables -----------------------------------------------------

def test_call_once_initializes_a_variable_read_across_invokes():
    init = np.array([1.0, 2.0, 3.0, 4.0], np.float32)
    x = np.array([0.5, -1.0, 2.0, 0.0], np.float32)
    steps = [[x]] * 4
    expected = assert_steps_match_oracle(call_once_model(init_value=init), steps)
    for k, outputs in enumerate(expected):
        np.testing.assert_allclose(outputs[0], init + (k + 1) * x)


def test_reset_clears_resource_variables_as_tflm_does():
    # After reset() TFLM's variables hold their default (0 here) again, and CALL_ONCE does
    # not run its init subgraph a second time.
    init = np.array([1.0, 2.0, 3.0, 4.0], np.float32)
    x = np.array([0.5, -1.0, 2.0, 0.0], np.float32)
    steps = [[x], [x], "reset", [x], [x], "reset", "reset", [x]]
    expected = assert_steps_match_oracle(call_once_model(init_value=init), steps)
    np.testing.assert_allclose(expected[2][0], x)


def test_quantized_variable_defaults_to_its_zero_point():
    quant = {"scale": 0.1, "zero_point": 7}
    rng = np.random.default_rng(0)
    xs = [rng.integers(-128, 127, (3,), endpoint=True).astype(np.int8) for _ in range(4)]
    steps = [[xs[0]], [xs[1]], "reset", [xs[2]], [xs[3]]]
    expected = assert_steps_match_oracle(delay_model(quant=quant), steps)
    assert expected[0][0].tolist() == [7, 7, 7]
    assert expected[1][0].tolist() == xs[0].tolist()
    assert expected[2][0].tolist() == [7, 7, 7]


@pytest.mark.parametrize("dtype,quant,init", [
    ("INT8", {"scale": 0.5, "zero_point": -2}, np.array([3, -4, 5, 0], np.int8)),
    ("INT32", {}, np.array([100, -7, 0, 5], np.int32)),
])
def test_call_once_variables_of_integer_types(dtype, quant, init):
    x = np.array([1, 2, -3, 4], dtype.lower())
    assert_steps_match_oracle(call_once_model(dtype, quant=quant, init_value=init),
                              [[x], [x], "reset", [x]])


def test_variables_are_shared_by_name_across_subgraphs_and_containers():
    # The init subgraph names the variable with a container, the main graph without one:
    # an absent container matches any (TFLM's FindId).
    init = np.array([2.0, 0.0, -1.0, 1.0], np.float32)
    x = np.ones(4, np.float32)
    expected = assert_steps_match_oracle(call_once_model(init_value=init, container="c"),
                                         [[x], [x]])
    np.testing.assert_allclose(expected[1][0], init + 2)


def test_handles_pass_into_branches_that_assign():
    # The handle travels into an IF branch as a subgraph input; the branch assigns through it
    # (the variable was sized by the main graph's ASSIGN_VARIABLE), the else branch passes its
    # input straight through without operators.
    b = ModelBuilder()
    c = b.add_input("c", [1], "BOOL")
    x = b.add_input("x", [3], "FLOAT32")
    h = b.add_tensor("h", [], "RESOURCE")
    b.add_operator("VAR_HANDLE", [], [h], shared_name="v")
    b.add_operator("ASSIGN_VARIABLE", [h, x], [])
    then = b.add_subgraph("then")
    th, ta = then.add_input("h", [], "RESOURCE"), then.add_input("a", [3], "FLOAT32")
    doubled = then.add_tensor("d", [3], "FLOAT32")
    then.add_operator("ADD", [ta, ta], [doubled])
    then.add_operator("ASSIGN_VARIABLE", [th, doubled], [])
    then.add_output(doubled)
    other = b.add_subgraph("else")
    other.add_input("h", [], "RESOURCE")
    other.add_output(other.add_input("a", [3], "FLOAT32"))
    branch_out = b.add_tensor("branch_out", [3], "FLOAT32")
    b.add_operator("IF", [c, h, x], [branch_out], then_subgraph_index=then.index,
                   else_subgraph_index=other.index)
    v = b.add_tensor("v", [3], "FLOAT32")
    b.add_operator("READ_VARIABLE", [h], [v])
    b.add_output(v)
    b.add_output(branch_out)
    x0 = np.array([1.0, -2.0, 0.5], np.float32)
    expected = assert_steps_match_oracle(b.build(), [[np.array([t]), x0] for t in (True, False)])
    np.testing.assert_array_equal(expected[0][0], 2 * x0)
    np.testing.assert_array_equal(expected[1][0], x0)


def test_read_of_an_unsized_variable_is_an_error():
    b = ModelBuilder()
    x = b.add_input("x", [2], "FLOAT32")
    h = b.add_tensor("h", [], "RESOURCE")
    b.add_operator("VAR_HANDLE", [], [h], shared_name="never_assigned")
    v = b.add_tensor("v", [2], "FLOAT32")
    b.add_operator("READ_VARIABLE", [h], [v])
    y = b.add_tensor("y", [2], "FLOAT32")
    b.add_operator("ADD", [v, x], [y])
    b.add_output(y)
    interp = tflm_host.Interpreter(b.build())
    with pytest.raises(tflm_host.InvokeError, match="never_assigned"):
        interp.invoke()


def test_resource_variable_kernels_reject_invalid_handles():
    b = ModelBuilder()
    x = b.add_input("x", [2], "FLOAT32")
    h = b.add_tensor("h", [2], "RESOURCE")
    b.add_operator("VAR_HANDLE", [], [h], shared_name="v")
    b.add_operator("ASSIGN_VARIABLE", [h, x], [])
    b.add_output(x)
    _rejects(b.build(), "has 2 elements, expected 1")

    b = ModelBuilder()
    x = b.add_input("x", [2], "FLOAT32")
    b.add_operator("ASSIGN_VARIABLE", [x, x], [])
    b.add_output(x)
    _rejects(b.build(), "must be RESOURCE or INT32, got FLOAT32")


# -- model-level behaviour ----------------------------------------------------------------

def test_unsupported_ops_in_any_subgraph_are_reported():
    b = ModelBuilder()
    c = b.add_input("c", [1], "BOOL")
    x = b.add_input("x", [3], "FLOAT32")
    y = b.add_tensor("y", [3], "FLOAT32")
    g = b.add_subgraph("g")
    a = g.add_input("a", [3], "FLOAT32")
    o = g.add_tensor("o", [3], "FLOAT32")
    g.add_operator("NotAnOp", [a], [o])
    g.add_output(o)
    b.add_operator("IF", [c, x], [y], then_subgraph_index=g.index, else_subgraph_index=g.index)
    b.add_output(y)
    model = b.build()
    assert tflm_host.ops.unsupported_operators(tflm_host.load_model(model)) == ["custom op NotAnOp"]
    with pytest.raises(tflm_host.UnsupportedOpError, match="NotAnOp"):
        tflm_host.Interpreter(model)


def test_invoke_batch_runs_control_flow():
    model = if_model()
    rng = np.random.default_rng(2)
    conds = rng.integers(0, 2, (5, 1)).astype(bool)
    xs = rng.normal(size=(5, 2, 3)).astype(np.float32)
    zs = rng.normal(size=(5, 2, 3)).astype(np.float32)
    w, y = tflm_host.Interpreter(model).invoke_batch(conds, xs, zs)
    want = np.where(conds[:, :, None], xs + zs, xs * zs)
    np.testing.assert_allclose(y, want, rtol=1e-6)
    np.testing.assert_allclose(w, want + xs, rtol=1e-6)


@pytest.mark.parametrize("name,model,inputs", [
    ("if", if_model(), [np.array([True]), np.ones((2, 3), np.float32), np.ones((2, 3), np.float32)]),
    ("while", while_model(), [_schedule(3), np.array([0], np.int32), np.ones(4, np.float32)]),
    ("call_once", call_once_model(init_value=np.ones(4, np.float32)), [np.ones(4, np.float32)]),
])
def test_planned_arena_equals_tflm_head(name, model, inputs):
    # The planned part of the arena (TFLM's "head") is byte for byte TFLM's; resource
    # variables add their buffers to the persistent part, as in TFLM's tail.
    interp = tflm_host.Interpreter(model)
    assert interp.arena_used_bytes() - interp._runtime.persistent_bytes == oracle_head_bytes(
        model, inputs)


def test_subgraph_tensors_nest_inside_the_calling_node():
    # TFLM's scopes: IF runs at scope 1, its then-branch at 2-3, its else-branch at 4-5, the
    # ADD after it at 6; the IF's own tensors live across both branches, which share memory
    # with each other only.
    plan = {p["name"]: p for p in tflm_host.Interpreter(if_model()).memory_plan()}
    assert (plan["z"]["first"], plan["z"]["last"]) == (0, 5)
    assert (plan["x"]["first"], plan["x"]["last"]) == (0, 6)
    assert (plan["y"]["first"], plan["y"]["last"]) == (1, 6)
    assert (plan["subgraph 1: a"]["first"], plan["subgraph 1: a"]["last"]) == (2, 3)
    assert (plan["subgraph 2: out"]["first"], plan["subgraph 2: out"]["last"]) == (5, 5)
    assert plan["subgraph 1: a"]["offset"] == plan["subgraph 2: a"]["offset"]


def test_a_subgraph_run_from_two_places_keeps_both_lifetimes():
    # Two IFs share their branches; every branch tensor must stay clear of what lives at
    # either call (x2 is alive during the first IF only, y1 during the second).
    b = ModelBuilder()
    c = b.add_input("c", [1], "BOOL")
    x = b.add_input("x", [8], "FLOAT32")
    y1 = b.add_tensor("y1", [8], "FLOAT32")
    y2 = b.add_tensor("y2", [8], "FLOAT32")
    then = _binary_branch(b, "ADD", [8], "FLOAT32", "then")
    other = _binary_branch(b, "MUL", [8], "FLOAT32", "else")
    b.add_operator("IF", [c, x, x], [y1], then_subgraph_index=then.index,
                   else_subgraph_index=other.index)
    b.add_operator("IF", [c, y1, x], [y2], then_subgraph_index=then.index,
                   else_subgraph_index=other.index)
    b.add_output(y2)
    model = b.build()
    xs = np.linspace(-1, 1, 8, dtype=np.float32)
    assert_steps_match_oracle(model, [[np.array([v]), xs] for v in (True, False, True)])
    interp = tflm_host.Interpreter(model)
    assert interp.arena_used_bytes() == oracle_head_bytes(model, [np.array([True]), xs])
    plan = interp.memory_plan()
    for a in plan:
        for other_buffer in plan:
            if a is other_buffer or a["last"] < other_buffer["first"] or other_buffer["last"] < a["first"]:
                continue
            assert (a["offset"] + a["size"] <= other_buffer["offset"]
                    or other_buffer["offset"] + other_buffer["size"] <= a["offset"]), (a, other_buffer)


def test_control_flow_invokes_allocate_nothing(tmp_path):
    # The child invokes without setting inputs, so the WHILE's schedule is a constant here
    # (4 iterations per invoke).
    models = {"if": if_model(), "call_once": call_once_model(init_value=np.ones(4, np.float32)),
              "delay": delay_model(quant={"scale": 0.1, "zero_point": 3}),
              "while": while_model(fixed_iterations=4)}
    paths = []
    for name, model in models.items():
        path = tmp_path / f"{name}.tflite"
        path.write_bytes(model)
        paths.append(str(path))
    assert invoke_malloc_counts(paths, tmp_path) == {p: 0 for p in paths}
