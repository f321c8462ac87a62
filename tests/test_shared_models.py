"""Differential tests on TFLM's own example and benchmark models (../shared/models/tflm):
outputs identical to the official TFLM interpreter over several random inputs, TFLM's
expected person-detection scores, and arenas no larger than TFLM's planned "head"."""
import struct

import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle, shared_model

# model -> (invokes compared with the oracle, TFLM's head bytes from MANIFEST.md)
MODELS = {
    "hello_world/hello_world_float.tflite": (5, 128),
    "hello_world/hello_world_int8.tflite": (5, 32),
    "simple_add/simple_add_model.tflite": (3, 49152),
    "micro_speech/micro_speech_quantized.tflite": (3, 5968),
    "person_detection/person_detect.tflite": (3, 55296),
    "mobilenet_v2/mobilenet_v2_quantized_1x3x224x224.tflite": (1, 2451840),
    # SVDF state persists across invokes: head 672 B plus the variable state TFLM keeps in its
    # persistent tail (10,240 and 5,120 B, MANIFEST.md).
    "keyword/keyword_scrambled.tflite": (6, 672 + 10240),
    "keyword/keyword_scrambled_8bit.tflite": (6, 672 + 5120),
    # LSTM state: 160, 80, 240 and 768 B of variables on top of the head (MANIFEST.md).
    "mnist_lstm/trained_lstm.tflite": (4, 5696 + 160),
    "mnist_lstm/trained_lstm_int8.tflite": (4, 1536 + 80),
    "micro_speech_lstm/micro_speech_lstm.tflite": (3, 17168 + 240),
    "dtln/dtln_noise_suppression.tflite": (6, 1424 + 768),
    # The signal ops keep 3,996 / 3,832 B of state in TFLM's persistent tail.
    "micro_speech/audio_preprocessor_int8.tflite": (8, 3040 + 3996),
    "micro_speech/audio_preprocessor_float.tflite": (8, 3040 + 3832),
}
# Models a host cannot run, each with the error naming why.
UNRUNNABLE = {"person_detection/person_detect_vela.tflite": "ethos-u"}


def test_every_shared_model_is_covered():
    """Every model in the shared folder (the seanet layers have their own test) is either
    compared with the oracle above or expected to be refused."""
    root = shared_model("hello_world/hello_world_int8.tflite").parent.parent
    found = {p.relative_to(root).as_posix() for p in root.rglob("*.tflite")
             if "integration_tests" not in p.parts}
    assert found - set(MODELS) - set(UNRUNNABLE) == set()


@pytest.mark.parametrize("name", UNRUNNABLE)
def test_unrunnable_models_name_the_op(name):
    with pytest.raises(tflm_host.UnsupportedOpError, match=UNRUNNABLE[name]):
        tflm_host.Interpreter(shared_model(name))


@pytest.mark.parametrize("name", MODELS)
def test_bit_exact_with_tflm(name):
    invokes, _ = MODELS[name]
    assert_matches_oracle(shared_model(name), invokes=invokes)


@pytest.mark.parametrize("name", MODELS)
def test_arena_no_larger_than_tflm_head(name):
    _, tflm_head = MODELS[name]
    used = tflm_host.Interpreter(shared_model(name), kernels="reference").arena_used_bytes()
    assert used <= tflm_head


def read_bmp_as_int8(path) -> np.ndarray:
    """The 96x96 8-bit grayscale pixels, rows top to bottom, bytes reinterpreted as int8
    (how TFLM's person_detection test feeds them)."""
    data = path.read_bytes()
    pixel_offset = struct.unpack_from("<I", data, 10)[0]
    width, height = struct.unpack_from("<ii", data, 18)
    bits = struct.unpack_from("<H", data, 28)[0]
    assert bits == 8, f"expected an 8-bit bmp, got {bits}"
    stride = (width + 3) // 4 * 4
    rows = [data[pixel_offset + r * stride: pixel_offset + r * stride + width]
            for r in range(abs(height))]
    if height > 0:  # bottom-up storage
        rows.reverse()
    return np.frombuffer(b"".join(rows), dtype=np.uint8).view(np.int8).reshape(1, 96, 96, 1)


@pytest.mark.parametrize("bmp,expected", [("person.bmp", [-113, 113]),
                                          ("no_person.bmp", [57, -57])])
@pytest.mark.parametrize("kernels", ["reference", "optimized"])
def test_person_detection_scores_as_tflm_example(bmp, expected, kernels):
    interp = tflm_host.Interpreter(shared_model("person_detection/person_detect.tflite"),
                                   kernels=kernels)
    interp.set_input(read_bmp_as_int8(shared_model(f"person_detection/{bmp}")), 0)
    interp.invoke()
    assert interp.get_output(0).reshape(-1).tolist() == expected
