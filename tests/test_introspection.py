"""Per-operator profiling, captured intermediate tensors and batched invokes."""
import numpy as np
import pytest

import tflm_host
from oracle import _oracle_runtime, random_inputs, shared_model

PERSON = "person_detection/person_detect.tflite"


def test_intermediates_match_tflite_micro_preserve_all_tensors():
    path = shared_model(PERSON)
    x = random_inputs(path, np.random.default_rng(3))[0]
    ours = tflm_host.Interpreter(path)
    ours.capture_intermediates()
    ours.set_input(x, 0)
    ours.invoke()
    captured = ours.get_intermediates()

    runtime = _oracle_runtime()
    oracle = runtime.Interpreter.from_file(
        str(path), arena_size=1 << 20,
        intrepreter_config=runtime.InterpreterConfig.kPreserveAllTensors)
    oracle.set_input(x, 0)
    oracle.invoke()
    ops = ours.model.main.operators
    assert set(captured) == {t for op in ops for t in op.outputs}
    for tensor, value in captured.items():
        np.testing.assert_array_equal(value, oracle.GetTensor(tensor, 0)["tensor_data"].reshape(value.shape),
                                      err_msg=f"tensor {tensor}")
    # Capturing keeps the memory plan: the arena is as small as without it.
    assert ours.arena_used_bytes() == tflm_host.Interpreter(path).arena_used_bytes()


def test_get_intermediates_needs_capture():
    interp = tflm_host.Interpreter(shared_model(PERSON))
    with pytest.raises(RuntimeError, match="capture is off"):
        interp.get_intermediates()
    with pytest.raises(RuntimeError, match="profiling is off"):
        interp.get_profile()


def test_profile_lists_every_operator():
    interp = tflm_host.Interpreter(shared_model(PERSON))
    interp.enable_profiling()
    interp.invoke()
    profile = interp.get_profile()
    assert [p["op"] for p in profile] == [op.op_name for op in interp.model.main.operators]
    assert all(p["seconds"] > 0 for p in profile)


@pytest.mark.parametrize("name", [PERSON, "hello_world/hello_world_float.tflite"])
def test_invoke_batch_equals_sequential_invokes(name):
    path = shared_model(name)
    rng = np.random.default_rng(5)
    samples = [random_inputs(path, rng) for _ in range(4)]
    interp = tflm_host.Interpreter(path)
    expected = []
    for sample in samples:
        interp.set_input(sample[0], 0)
        interp.invoke()
        expected.append(interp.get_output(0))
    (batched,) = interp.invoke_batch(np.stack([s[0] for s in samples]))
    np.testing.assert_array_equal(batched, np.stack(expected))


def test_invoke_batch_validates_shapes():
    interp = tflm_host.Interpreter(shared_model("hello_world/hello_world_float.tflite"))
    with pytest.raises(ValueError, match=r"expects shape \[N, 1, 1\], got \[3, 1\]"):
        interp.invoke_batch(np.zeros((3, 1), np.float32))
    with pytest.raises(ValueError, match="expects dtype float32"):
        interp.invoke_batch(np.zeros((3, 1, 1), np.int8))
