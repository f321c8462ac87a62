"""The Interpreter API: tflite_micro compatibility, I/O validation, arena sizing, errors."""
import numpy as np
import pytest

import tflm_host
from oracle import _oracle_runtime, shared_model
from tflm_host.builder import ModelBuilder


def _two_io_model() -> bytes:
    """Two int8 inputs through FULLY_CONNECTED layers to two outputs (int8 and float)."""
    b = ModelBuilder()
    a = b.add_input("a", [1, 4], "INT8", scale=0.1, zero_point=-3)
    c = b.add_input("c", [2, 3], "FLOAT32")
    w = b.add_constant("w", np.arange(-6, 6, dtype=np.int8).reshape(3, 4), scale=0.05,
                       zero_point=0)
    wf = b.add_constant("wf", np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3))
    ya = b.add_tensor("ya", [1, 3], "INT8", scale=0.2, zero_point=4)
    yc = b.add_tensor("yc", [2, 2], "FLOAT32")
    b.add_operator("FULLY_CONNECTED", [a, w, -1], [ya])
    b.add_operator("FULLY_CONNECTED", [c, wf, -1], [yc], fused_activation_function="RELU")
    b.add_output(ya)
    b.add_output(yc)
    return b.build()


MODEL = _two_io_model()


def test_details_match_tflite_micro():
    path = shared_model("hello_world/hello_world_int8.tflite")
    ours = tflm_host.Interpreter.from_file(path)
    theirs = _oracle_runtime().Interpreter.from_file(str(path), arena_size=8192)
    for get in ("get_input_details", "get_output_details"):
        mine, want = getattr(ours, get)(0), getattr(theirs, get)(0)
        assert mine["dtype"] is want["dtype"]
        np.testing.assert_array_equal(mine["shape"], want["shape"])
        assert mine["shape"].dtype == want["shape"].dtype
        for key in ("scales", "zero_points"):
            np.testing.assert_array_equal(mine["quantization_parameters"][key],
                                          want["quantization_parameters"][key])
            assert (mine["quantization_parameters"][key].dtype
                    == want["quantization_parameters"][key].dtype)
        assert (mine["quantization_parameters"]["quantized_dimension"]
                == want["quantization_parameters"]["quantized_dimension"])
    assert ours.get_input_details(0)["name"] == "serving_default_dense_input:0"
    assert ours.get_input_details(0)["index"] == 0


def test_tflite_micro_call_forms_are_accepted():
    path = shared_model("hello_world/hello_world_float.tflite")
    data = path.read_bytes()
    for interp in (tflm_host.Interpreter(data, [], 4096),
                   tflm_host.Interpreter.from_file(str(path), custom_op_registerers=[],
                                                   arena_size=4096),
                   tflm_host.Interpreter.from_bytes(data, [], 4096),
                   tflm_host.Interpreter.from_bytes(data, arena_size=4096)):
        assert interp.arena_size == 4096
        interp.set_input(np.array([[1.0]], np.float32), 0)
        assert interp.invoke() == 0
        assert interp.get_output(0).shape == (1, 1)


def test_arena_used_bytes_match_tflm_head_for_hello_world():
    # MANIFEST.md: TFLM's head (planned, non-persistent) bytes on x86-64.
    assert tflm_host.Interpreter(shared_model("hello_world/hello_world_float.tflite")).arena_used_bytes() == 128
    assert tflm_host.Interpreter(shared_model("hello_world/hello_world_int8.tflite")).arena_used_bytes() == 32


def test_counts_and_tensor_details():
    interp = tflm_host.Interpreter(MODEL)
    assert (interp.num_inputs, interp.num_outputs) == (2, 2)
    details = interp.get_tensor_details()
    assert [d["name"] for d in details] == ["a", "c", "w", "wf", "ya", "yc"]
    assert details[4]["quantization_parameters"]["zero_points"].tolist() == [4]


def test_set_input_rejects_wrong_dtype_and_shape():
    interp = tflm_host.Interpreter(MODEL)
    with pytest.raises(ValueError, match="input 0 expects dtype int8, got float32"):
        interp.set_input(np.zeros((1, 4), np.float32), 0)
    with pytest.raises(ValueError, match=r"input 1 expects shape \[2, 3\], got \[3, 2\]"):
        interp.set_input(np.zeros((3, 2), np.float32), 1)


@pytest.mark.parametrize("index", [2, -1])
def test_io_index_out_of_range(index):
    interp = tflm_host.Interpreter(MODEL)
    with pytest.raises(IndexError, match=f"input index {index} out of range: the model has 2 inputs"):
        interp.set_input(np.zeros((1, 4), np.int8), index)
    with pytest.raises(IndexError, match="output index"):
        interp.get_output(index)
    with pytest.raises(IndexError):
        interp.get_input_details(index)


def test_arena_too_small_names_both_sizes():
    required = tflm_host.Interpreter(MODEL).arena_used_bytes()
    with pytest.raises(tflm_host.ArenaTooSmallError) as info:
        tflm_host.Interpreter(MODEL, required - 1)
    assert f"needs {required} bytes, the arena has {required - 1}" in str(info.value)
    assert (info.value.required, info.value.available) == (required, required - 1)
    assert tflm_host.Interpreter(MODEL, required).arena_used_bytes() == required


@pytest.mark.parametrize("bad", [0, -5, 1.5, "big", True])
def test_invalid_arena_size(bad):
    with pytest.raises((TypeError, ValueError)):
        tflm_host.Interpreter(MODEL, bad)


def test_get_output_is_a_copy_and_outputs_follow_inputs():
    interp = tflm_host.Interpreter(MODEL)
    interp.set_input(np.full((1, 4), 20, np.int8), 0)
    interp.set_input(np.ones((2, 3), np.float32), 1)
    interp.invoke()
    first = interp.get_output(1)
    first[:] = -1
    assert np.all(interp.get_output(1) >= 0)  # RELU output untouched by the edit above


def test_predict_quantizes_and_dequantizes_like_manual_steps():
    interp = tflm_host.Interpreter(MODEL)
    a = np.array([[0.3, -0.2, 0.1, 1.0]], np.float32)
    c = np.arange(6, dtype=np.float32).reshape(2, 3) / 5
    out_a, out_c = interp.predict(a, c)
    q = interp.get_input_details(0)["quantization_parameters"]
    interp.set_input(tflm_host.quantize(a, q["scales"][0], q["zero_points"][0], np.int8), 0)
    interp.set_input(c, 1)
    interp.invoke()
    qo = interp.get_output_details(0)["quantization_parameters"]
    np.testing.assert_array_equal(
        out_a, tflm_host.dequantize(interp.get_output(0), qo["scales"][0], qo["zero_points"][0]))
    np.testing.assert_array_equal(out_c, interp.get_output(1))
    with pytest.raises(ValueError, match="2 inputs, got 1"):
        interp.predict(a)


def test_unsupported_custom_op_is_named_at_load_time():
    with pytest.raises(tflm_host.UnsupportedOpError) as info:
        tflm_host.Interpreter(shared_model("person_detection/person_detect_vela.tflite"))
    assert "custom op ethos-u" in str(info.value)
    assert info.value.unsupported == ["custom op ethos-u"]


def test_every_unsupported_op_is_listed():
    b = ModelBuilder()
    x = b.add_input("x", [4], "FLOAT32")
    y = b.add_tensor("y", [4], "FLOAT32")
    z = b.add_tensor("z", [4], "FLOAT32")
    b.add_operator("MyCustomThing", [x], [y], custom_options=b"\x00")
    b.add_operator("HASHTABLE_LOOKUP", [y], [z])
    b.add_output(z)
    with pytest.raises(tflm_host.UnsupportedOpError) as info:
        tflm_host.Interpreter(b.build())
    assert info.value.unsupported == ["custom op MyCustomThing", "builtin op HASHTABLE_LOOKUP"]


def test_unsupported_type_combination_is_named():
    b = ModelBuilder()
    x = b.add_input("x", [1, 4], "FLOAT64")
    w = b.add_constant("w", np.ones((3, 4), np.float64))
    y = b.add_tensor("y", [1, 3], "FLOAT64")
    b.add_operator("FULLY_CONNECTED", [x, w, -1], [y])
    b.add_output(y)
    with pytest.raises(tflm_host.UnsupportedOpError, match="FULLY_CONNECTED on FLOAT64 input"):
        tflm_host.Interpreter(b.build())


def test_invalid_kernels_argument():
    with pytest.raises(ValueError, match="kernels must be one of"):
        tflm_host.Interpreter(MODEL, kernels="fast")
