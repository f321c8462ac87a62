"""The Cortex-M arena estimate on multi-subgraph models: its non-persistent part follows TFLM's
nested subgraph lifetimes (checked against our planner and the oracle's head), and the
per-subgraph persistent structures are counted in every subgraph."""
import numpy as np
import pytest

import tflm_host
from test_control_flow import if_model, oracle_head_bytes, while_model, _schedule
from tflm_host.builder import ModelBuilder
from tflm_host.tools.cortex_m import estimate_arena, operator_scopes

SHAPE = [1, 4, 4, 2]


Q = {"scale": 0.05, "zero_point": 0}


def _transpose_conv(g, x, name, seed):
    """y = TRANSPOSE_CONV(x) with a 1x1 int8 filter: shape kept, int32 scratch requested."""
    rng = np.random.default_rng(seed)
    y = g.add_tensor(name, SHAPE, "INT8", **Q)
    g.add_operator("TRANSPOSE_CONV", [
        g.add_constant(name + "_shape", np.array(SHAPE, np.int32)),
        g.add_constant(name + "_filter", rng.integers(-127, 128, [2, 1, 1, 2]).astype(np.int8),
                       scale=0.01, zero_point=0),
        x], [y], padding="VALID", stride_h=1, stride_w=1)
    return y


def _branch(b, name, seed):
    g = b.add_subgraph(name)
    g.add_output(_transpose_conv(g, g.add_input("x", SHAPE, "INT8", **Q), "y", seed))
    return g


def scratch_if_model():
    """A TRANSPOSE_CONV before an IF whose branches are TRANSPOSE_CONVs, and one after it:
    scratch buffers in every subgraph, the main graph's last one in a scope the branches
    push back."""
    b = ModelBuilder()
    cond = b.add_input("cond", [1], "BOOL")
    x = b.add_input("x", SHAPE, "INT8", **Q)
    before = _transpose_conv(b, x, "before", 0)
    y = b.add_tensor("y", SHAPE, "INT8", **Q)
    then, other = _branch(b, "then", 1), _branch(b, "else", 2)
    b.add_operator("IF", [cond, before], [y], then_subgraph_index=then.index,
                   else_subgraph_index=other.index)
    b.add_output(_transpose_conv(b, y, "after", 3))
    inputs = [np.array([True]), np.arange(-16, 16, dtype=np.int8).reshape(SHAPE)]
    return b.build(), inputs


MODELS = {
    "scratch_if": scratch_if_model(),
    "if": (if_model(), [np.array([True]), np.ones((2, 3), np.float32),
                        np.ones((2, 3), np.float32)]),
    "while": (while_model(), [_schedule(3), np.array([0], np.int32), np.ones(4, np.float32)]),
}


@pytest.mark.parametrize("name", sorted(MODELS))
@pytest.mark.parametrize("target", ["cortex-m", "cortex-m-cmsis"])
def test_non_persistent_part_is_tflms_head(name, target):
    # No operator here gets CMSIS-NN scratch, so on either target the head is the reference
    # kernels' plan: ours on a 64-bit host, and the oracle's.
    model, inputs = MODELS[name]
    interp = tflm_host.Interpreter(model, kernels="reference")
    head = interp.arena_used_bytes() - interp._runtime.persistent_bytes
    assert head == oracle_head_bytes(model, inputs)
    assert estimate_arena(interp, target)["non_persistent"] == head


def test_operator_scopes_are_the_planners_scratch_lifetimes():
    model, _ = MODELS["scratch_if"]
    interp = tflm_host.Interpreter(model, kernels="reference")
    loaded = interp.model
    operators = [(g.index, op.index) for g in loaded.subgraphs for op in g.operators]
    scratch = [p for p in interp.memory_plan() if p["tensor"] < 0]
    assert len(scratch) == 4  # one per branch and two in the main graph
    scopes = operator_scopes(loaded)
    for p in scratch:
        assert scopes[operators[p["node"]]] == (p["first"], p["last"])
    # IF at scope 2, its branches at 3-4 and 5-6, the last MEAN at 7.
    assert scopes[(0, 1)] == (2, 6) and scopes[(0, 2)] == (7, 7)


def test_persistent_part_counts_every_subgraph():
    model, _ = MODELS["scratch_if"]
    interp = tflm_host.Interpreter(model, kernels="reference")
    est = estimate_arena(interp, "cortex-m")
    loaded = interp.model
    assert [(o["subgraph"], o["op"]) for o in est["operators"]] == [
        (0, "TRANSPOSE_CONV"), (0, "IF"), (0, "TRANSPOSE_CONV"), (1, "TRANSPOSE_CONV"),
        (2, "TRANSPOSE_CONV")]
    parts = est["persistent_parts"]
    assert parts["nodes and registrations"] == 32 * 5
    assert parts["eval tensors"] == 12 * sum(len(g.tensors) for g in loaded.subgraphs)
    assert parts["scratch handles"] == 4 * 4
    # IF: its OpData (two subgraph indices) only; tflite-micro's recording allocator shows no
    # staging copies for it (see test_cli_state_and_subgraphs: the IF model's x86-64 arena).
    assert next(o for o in est["operators"] if o["op"] == "IF")["persistent_bytes"] == 16


def test_resource_variables_are_counted():
    from test_control_flow import call_once_model
    model = call_once_model(init_value=np.ones(4, np.float32))
    interp = tflm_host.Interpreter(model, kernels="reference")
    est = estimate_arena(interp, "cortex-m")
    bench = estimate_arena(interp, "cortex-m", benchmark_setup=True)
    # One variable: its 20-byte entry and 16-byte buffer (the 12-byte object either way).
    per_variable = (bench["persistent_parts"]["kernel persistent buffers"]
                    - est["persistent_parts"]["kernel persistent buffers"])
    assert per_variable == 2000 - 32


def _conv_branch(b, name, seed):
    """A subgraph x -> int8 3x3 CONV_2D (CMSIS-NN's DSP kernel asks for an im2col buffer)."""
    rng = np.random.default_rng(seed)
    g = b.add_subgraph(name)
    x = g.add_input("x", SHAPE, "INT8", **Q)
    y = g.add_tensor("y", SHAPE, "INT8", **Q)
    w = g.add_constant("w", rng.integers(-127, 128, [2, 3, 3, 2]).astype(np.int8),
                       scale=[0.01, 0.02], zero_point=[0, 0], axis=0)
    bias = g.add_constant("b", np.zeros(2, np.int32), scale=[0.0005, 0.001], zero_point=[0, 0])
    g.add_operator("CONV_2D", [x, w, bias], [y], padding="SAME", stride_h=1, stride_w=1)
    g.add_output(y)
    return g


def test_cmsis_scratch_of_operators_in_branches_is_planned_in_their_scope():
    b = ModelBuilder()
    cond = b.add_input("cond", [1], "BOOL")
    x = b.add_input("x", SHAPE, "INT8", **Q)
    y = b.add_tensor("y", SHAPE, "INT8", **Q)
    then, other = _conv_branch(b, "then", 1), _conv_branch(b, "else", 2)
    b.add_operator("IF", [cond, x], [y], then_subgraph_index=then.index,
                   else_subgraph_index=other.index)
    b.add_output(y)
    interp = tflm_host.Interpreter(b.build(), kernels="reference")
    est = estimate_arena(interp, "cortex-m-cmsis")
    assert est["persistent_parts"]["scratch handles"] == 4 * 2
    # im2col of 3*3*2 = 18 columns (20 rounded): 2 x 20 x int16 = 80 bytes, alive with the
    # IF's input and output (16 + 32 + 32) and the branch's own two tensors (32 + 32).
    assert est["non_persistent"] == 16 + 32 + 32 + 32 + 32 + 80
    reference = estimate_arena(interp, "cortex-m")
    assert reference["non_persistent"] == interp.arena_used_bytes()
