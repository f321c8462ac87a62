"""Custom ops implemented in Python (tflm_host.register_custom_op, Interpreter(custom_ops=)):
results against numpy and, where a builtin op computes the same, against the oracle running
that builtin; load-time rejection of unregistered ops; exceptions and wrong outputs."""
import numpy as np
import pytest

import tflm_host
from oracle import assert_same_outputs, run_host, run_oracle
from tflm_host.builder import ModelBuilder
from tflm_host import CustomOpError


def gelu(x):
    return (0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x ** 3)))).astype(x.dtype)


def my_gelu(inputs, options):
    (x,) = inputs
    return [gelu(x)]


def gelu_model(op="MyGelu", shape=(2, 5), custom_options=None):
    b = ModelBuilder()
    x = b.add_input("x", shape, "FLOAT32")
    y = b.add_tensor("y", shape, "FLOAT32")
    b.add_operator(op, [x], [y], custom_options=custom_options)
    b.add_output(y)
    return b.build()


def relu_sandwich(relu_op):
    """FULLY_CONNECTED -> relu_op -> FULLY_CONNECTED, with relu_op "RELU" or a custom name."""
    rng = np.random.default_rng(4)
    b = ModelBuilder()
    x = b.add_input("x", [1, 6], "FLOAT32")
    w1 = b.add_constant("w1", rng.normal(size=(8, 6)).astype(np.float32))
    w2 = b.add_constant("w2", rng.normal(size=(3, 8)).astype(np.float32))
    h = b.add_tensor("h", [1, 8], "FLOAT32")
    r = b.add_tensor("r", [1, 8], "FLOAT32")
    y = b.add_tensor("y", [1, 3], "FLOAT32")
    b.add_operator("FULLY_CONNECTED", [x, w1, -1], [h])
    b.add_operator(relu_op, [h], [r])
    b.add_operator("FULLY_CONNECTED", [r, w2, -1], [y])
    b.add_output(y)
    return b.build()


@pytest.fixture
def clean_registry():
    yield
    for name in ("MyGelu", "MyRelu", "Scale"):
        tflm_host.unregister_custom_op(name)


def test_per_interpreter_custom_op_computes_with_python():
    x = np.linspace(-3, 3, 10, dtype=np.float32).reshape(2, 5)
    interp = tflm_host.Interpreter(gelu_model(), custom_ops={"MyGelu": my_gelu})
    interp.set_input(x, 0)
    interp.invoke()
    np.testing.assert_array_equal(interp.get_output(0), gelu(x))


def test_custom_op_in_the_middle_matches_the_oracle_running_the_builtin(clean_registry):
    tflm_host.register_custom_op("MyRelu", lambda inputs, options: [np.maximum(inputs[0], 0)])
    rng = np.random.default_rng(0)
    input_sets = [[rng.normal(size=(1, 6)).astype(np.float32)] for _ in range(3)]
    expected = run_oracle(relu_sandwich("RELU"), input_sets)
    for variant in ("reference", "optimized"):
        assert_same_outputs(run_host(relu_sandwich("MyRelu"), input_sets, variant), expected,
                            variant)


def test_interpreter_custom_ops_override_the_registry(clean_registry):
    tflm_host.register_custom_op("MyGelu", lambda inputs, options: [inputs[0] * 0])
    x = np.ones((2, 5), np.float32)
    registered = tflm_host.Interpreter(gelu_model())
    overridden = tflm_host.Interpreter(gelu_model(), custom_ops={"MyGelu": my_gelu})
    for interp, want in ((registered, np.zeros_like(x)), (overridden, gelu(x))):
        interp.set_input(x, 0)
        interp.invoke()
        np.testing.assert_array_equal(interp.get_output(0), want)


def test_unregistered_custom_op_is_rejected_at_load_by_name():
    with pytest.raises(tflm_host.UnsupportedOpError, match="custom op MyGelu"):
        tflm_host.Interpreter(gelu_model())


def test_unregistering_makes_the_op_unsupported_again(clean_registry):
    tflm_host.register_custom_op("MyGelu", my_gelu)
    tflm_host.Interpreter(gelu_model())
    tflm_host.unregister_custom_op("MyGelu")
    with pytest.raises(tflm_host.UnsupportedOpError, match="MyGelu"):
        tflm_host.Interpreter(gelu_model())


@pytest.mark.parametrize("error", [ValueError("bad value"), RuntimeError("bad state"),
                                   ZeroDivisionError("division")])
def test_exception_in_the_function_propagates_as_itself(error):
    def broken(inputs, options):
        raise error

    interp = tflm_host.Interpreter(gelu_model(), custom_ops={"MyGelu": broken})
    with pytest.raises(type(error)) as info:
        interp.invoke()
    assert info.value is error
    assert not isinstance(info.value, tflm_host.InvokeError)
    assert any("custom op MyGelu (subgraph 0 operator 0)" in note
               for note in getattr(info.value, "__notes__", []))
    # The interpreter stays usable.
    interp2 = tflm_host.Interpreter(gelu_model(), custom_ops={"MyGelu": my_gelu})
    interp2.invoke()


@pytest.mark.parametrize("result,match", [
    (lambda x: [x.astype(np.float64)], "output 0 is float64 of shape \\[2, 5\\]; the model's "
                                       "output tensor 'y' is float32 of shape \\[2, 5\\]"),
    (lambda x: [x.reshape(10)], "output 0 is float32 of shape \\[10\\]"),
    (lambda x: [x, x], "returned 2 outputs; the model gives it 1"),
    (lambda x: {"y": x}, "returned dict"),
])
def test_wrong_outputs_are_rejected_clearly(result, match):
    interp = tflm_host.Interpreter(gelu_model(),
                                   custom_ops={"MyGelu": lambda inputs, options: result(inputs[0])})
    with pytest.raises(CustomOpError, match=match):
        interp.invoke()


def test_single_array_result_and_custom_options_bytes():
    seen = []

    def scale(inputs, options):
        seen.append(options)
        factor = np.frombuffer(options, np.float32)[0]
        return inputs[0] * factor  # one output: a bare array is accepted

    factor = np.array([2.5], np.float32).tobytes()
    interp = tflm_host.Interpreter(gelu_model("Scale", custom_options=factor),
                                   custom_ops={"Scale": scale})
    x = np.arange(10, dtype=np.float32).reshape(2, 5)
    interp.set_input(x, 0)
    interp.invoke()
    np.testing.assert_array_equal(interp.get_output(0), x * 2.5)
    assert seen == [factor]


def test_inputs_are_copies_the_function_may_keep_or_modify():
    kept = []

    def keep(inputs, options):
        kept.append(inputs[0])
        inputs[0] += 1  # a private copy: the arena is not touched
        return [inputs[0]]

    interp = tflm_host.Interpreter(gelu_model(), custom_ops={"MyGelu": keep})
    for value in (1.0, 2.0):
        interp.set_input(np.full((2, 5), value, np.float32), 0)
        interp.invoke()
    assert [k[0, 0] for k in kept] == [2.0, 3.0]
    np.testing.assert_array_equal(interp.get_output(0), np.full((2, 5), 3.0, np.float32))


def test_custom_op_with_several_inputs_and_outputs_and_an_omitted_input():
    def split(inputs, options):
        a, missing, b = inputs
        assert missing is None
        return [a + b, (a - b).astype(np.int32)]

    b = ModelBuilder()
    x = b.add_input("x", [3], "INT32")
    z = b.add_input("z", [3], "INT32")
    s = b.add_tensor("s", [3], "INT32")
    d = b.add_tensor("d", [3], "INT32")
    b.add_operator("SumDiff", [x, -1, z], [s, d])
    b.add_output(s)
    b.add_output(d)
    interp = tflm_host.Interpreter(b.build(), custom_ops={"SumDiff": split})
    interp.set_input(np.array([1, 2, 3], np.int32), 0)
    interp.set_input(np.array([10, 20, 30], np.int32), 1)
    interp.invoke()
    assert interp.get_output(0).tolist() == [11, 22, 33]
    assert interp.get_output(1).tolist() == [-9, -18, -27]


def test_custom_op_inside_a_control_flow_branch_and_in_invoke_batch():
    b = ModelBuilder()
    c = b.add_input("c", [1], "BOOL")
    x = b.add_input("x", [4], "FLOAT32")
    y = b.add_tensor("y", [4], "FLOAT32")
    branches = []
    for op in ("MyGelu", "RELU"):
        g = b.add_subgraph(op)
        a = g.add_input("a", [4], "FLOAT32")
        o = g.add_tensor("o", [4], "FLOAT32")
        g.add_operator(op, [a], [o])
        g.add_output(o)
        branches.append(g.index)
    b.add_operator("IF", [c, x], [y], then_subgraph_index=branches[0],
                   else_subgraph_index=branches[1])
    b.add_output(y)
    model = b.build()
    with pytest.raises(tflm_host.UnsupportedOpError, match="MyGelu"):
        tflm_host.Interpreter(model)
    interp = tflm_host.Interpreter(model, custom_ops={"MyGelu": my_gelu})
    conds = np.array([[True], [False], [True]])
    xs = np.linspace(-2, 2, 12, dtype=np.float32).reshape(3, 4)
    (out,) = interp.invoke_batch(conds, xs)
    np.testing.assert_array_equal(out, np.where(conds, gelu(xs), np.maximum(xs, 0)))


def test_registering_non_callables_is_an_error():
    with pytest.raises(TypeError):
        tflm_host.register_custom_op("MyGelu", 42)
    with pytest.raises(TypeError):
        tflm_host.Interpreter(gelu_model(), custom_ops={"MyGelu": "not a function"})
