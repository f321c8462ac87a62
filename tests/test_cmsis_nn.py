"""The optimized int8 kernels (third_party/cmsis_nn) on every x86-64 code path the CPU has:
each path, forced with _core.set_cmsis_isa, must give the oracle's outputs on odd shapes
(channel counts and depths that leave vector tails, row counts that leave tile tails, grouped
and strided and dilated convolutions, depth multipliers, batches), on requantizations with
left and large right shifts, and on every shared model."""
import os
import subprocess
import sys

import numpy as np
import pytest

from oracle import assert_same_outputs, random_inputs, run_host, run_oracle, shared_model
from test_conv_ops import _conv_model
from test_fully_connected import _fc_model
from tflm_host import _core

LEVELS = ["portable", "avx2", "avx512"]
OWN_LIBRARY = _core.cmsis_isa() != "cmsis-nn"
BEST = _core.cmsis_isa_supported()
SUPPORTED = LEVELS[:LEVELS.index(BEST) + 1] if BEST in LEVELS else []


@pytest.fixture(params=LEVELS)
def isa(request):
    if not OWN_LIBRARY:
        pytest.skip("built against the real CMSIS-NN: one C path, no ISA control")
    if request.param not in SUPPORTED:
        pytest.skip(f"this CPU has no {request.param} path")
    before = _core.cmsis_isa()
    assert _core.set_cmsis_isa(request.param) == request.param
    yield request.param
    _core.set_cmsis_isa(before)


def assert_optimized_matches_oracle(model, invokes=2, seed=0):
    rng = np.random.default_rng(seed)
    input_sets = [random_inputs(model, rng) for _ in range(invokes)]
    expected = run_oracle(model, input_sets)
    assert_same_outputs(run_host(model, input_sets, "optimized"), expected,
                        f"optimized on {_core.cmsis_isa()}")


def test_isa_control():
    if not OWN_LIBRARY:
        pytest.skip("built against the real CMSIS-NN")
    before = _core.cmsis_isa()
    try:
        assert _core.set_cmsis_isa("portable") == "portable"
        assert _core.cmsis_isa() == "portable"
        # Asking for more than the CPU has gives the best it has.
        assert _core.set_cmsis_isa("avx512") == BEST
        with pytest.raises(ValueError, match="portable"):
            _core.set_cmsis_isa("neon")
    finally:
        _core.set_cmsis_isa(before)


def test_isa_environment_variable():
    if not OWN_LIBRARY:
        pytest.skip("built against the real CMSIS-NN")
    env = dict(os.environ, TFLM_HOST_ISA="portable")
    out = subprocess.run([sys.executable, "-c", "from tflm_host import _core; print(_core.cmsis_isa())"],
                         env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert out == "portable"


# CONV_2D: (input shape, kernel, out channels, padding, stride, dilation, filter depth)
CONV_CASES = [
    ((1, 5, 7, 1), (1, 1), 1, "VALID", (1, 1), (1, 1), None),      # 1x1, depth 1, 1 channel
    ((1, 5, 7, 3), (1, 1), 17, "VALID", (1, 1), (1, 1), None),     # depth tail 3, panel tail
    ((1, 6, 6, 5), (1, 1), 33, "VALID", (1, 1), (1, 1), None),     # depth 5, 2 panels + tail
    ((2, 9, 7, 17), (1, 1), 48, "VALID", (1, 1), (1, 1), None),    # batches, 63 pixels
    ((1, 9, 9, 16), (1, 1), 24, "VALID", (2, 2), (1, 1), None),    # strided 1x1
    ((1, 11, 9, 3), (3, 3), 32, "SAME", (2, 2), (1, 1), None),     # mobilenet-style first conv
    ((1, 10, 8, 6), (3, 3), 7, "SAME", (1, 1), (1, 1), None),
    ((1, 13, 12, 4), (3, 2), 9, "VALID", (2, 1), (3, 2), None),    # dilated
    ((2, 7, 9, 5), (5, 3), 16, "SAME", (1, 2), (1, 1), None),
    ((1, 1, 20, 8), (1, 5), 12, "SAME", (1, 1), (1, 1), None),     # 1 x n
    ((1, 8, 8, 8), (3, 3), 12, "SAME", (1, 1), (1, 1), 4),         # grouped: 2 groups
    ((1, 49, 40, 1), (10, 8), 8, "SAME", (2, 2), (1, 1), None),    # micro_speech geometry
]


@pytest.mark.parametrize("case", CONV_CASES, ids=lambda c: "x".join(map(str, c[0])) + f"_k{c[1]}_o{c[2]}")
def test_conv_paths_match_oracle(isa, case):
    shape, kernel, out_ch, padding, stride, dilation, depth = case
    model = _conv_model("CONV_2D", in_shape=shape, kernel=kernel, out_ch=out_ch, padding=padding,
                        stride=stride, dilation=dilation, filter_depth=depth, activation="RELU6")
    assert_optimized_matches_oracle(model)


# DEPTHWISE_CONV_2D: (input shape, kernel, out channels, padding, stride, dilation)
DEPTHWISE_CASES = [
    ((1, 9, 11, 1), (3, 3), 1, "SAME", (1, 1), (1, 1)),
    ((1, 9, 11, 8), (3, 3), 8, "SAME", (1, 1), (1, 1)),
    ((1, 10, 13, 17), (3, 3), 17, "SAME", (2, 2), (1, 1)),
    ((1, 7, 12, 33), (3, 3), 33, "VALID", (1, 1), (1, 1)),
    ((2, 8, 9, 40), (5, 5), 40, "SAME", (1, 1), (1, 1)),
    ((1, 12, 12, 31), (3, 3), 31, "SAME", (1, 1), (2, 2)),        # dilated
    ((1, 6, 5, 64), (3, 3), 64, "SAME", (1, 1), (1, 1)),          # fewer than 4 inner columns
    ((1, 96, 96, 1), (3, 3), 8, "SAME", (2, 2), (1, 1)),          # multiplier 8 (person_detect)
    ((1, 49, 40, 1), (10, 8), 8, "SAME", (2, 2), (1, 1)),         # micro_speech
    ((1, 9, 10, 5), (3, 3), 15, "SAME", (1, 1), (1, 1)),          # multiplier 3, tails
    ((1, 9, 10, 12), (3, 3), 24, "VALID", (2, 1), (1, 2)),        # multiplier 2
    # 8 or 16 channels: pixels share a vector (narrow kernel), edges on the generic one
    ((1, 11, 19, 8), (3, 3), 8, "SAME", (2, 2), (1, 1)),
    ((1, 10, 17, 16), (3, 3), 16, "SAME", (2, 2), (1, 1)),
    ((1, 9, 23, 16), (5, 5), 16, "VALID", (1, 1), (1, 1)),
    ((1, 9, 21, 8), (3, 3), 8, "SAME", (1, 1), (2, 2)),
    ((1, 12, 23, 1), (3, 3), 16, "SAME", (1, 1), (1, 1)),         # one input channel into 16
    ((1, 13, 29, 1), (5, 3), 8, "SAME", (3, 3), (1, 1)),          # one input channel, stride 3
    ((1, 13, 29, 1), (3, 3), 8, "VALID", (1, 5), (1, 1)),         # stride 5: 16 bytes apart
]


@pytest.mark.parametrize("case", DEPTHWISE_CASES, ids=lambda c: "x".join(map(str, c[0])) + f"_k{c[1]}_o{c[2]}")
def test_depthwise_paths_match_oracle(isa, case):
    shape, kernel, out_ch, padding, stride, dilation = case
    model = _conv_model("DEPTHWISE_CONV_2D", in_shape=shape, kernel=kernel, out_ch=out_ch,
                        padding=padding, stride=stride, dilation=dilation, activation="RELU")
    assert_optimized_matches_oracle(model)


@pytest.mark.parametrize("batches,depth,units", [(1, 1, 1), (1, 3, 17), (3, 5, 16), (5, 67, 33),
                                                 (1, 4000, 4), (2, 250, 130)])
@pytest.mark.parametrize("per_channel", [False, True])
def test_fully_connected_paths_match_oracle(isa, batches, depth, units, per_channel):
    model = _fc_model("INT8", batches, depth, units, "NONE", per_channel, with_bias=True)
    assert_optimized_matches_oracle(model)


@pytest.mark.parametrize("op", ["CONV_2D", "DEPTHWISE_CONV_2D"])
@pytest.mark.parametrize("out_scale", [1e-4, 3e-3, 40.0, 5000.0])
@pytest.mark.parametrize("zero_points", [(-128, 127), (127, -128), (0, 0)])
def test_requantization_extremes_match_oracle(isa, op, out_scale, zero_points):
    """Tiny output scales give left shifts and saturation, huge ones right shifts up to ~30:
    the vector requantization must round exactly like the scalar one and TFLM's."""
    in_zp, out_zp = zero_points
    model = _conv_model(op, in_shape=(1, 6, 7, 18), kernel=(3, 3), out_ch=18, in_zp=in_zp,
                        out_zp=out_zp, out_scale=out_scale, seed=3)
    assert_optimized_matches_oracle(model, invokes=3)


SHARED = ["person_detection/person_detect.tflite", "micro_speech/micro_speech_quantized.tflite",
          "hello_world/hello_world_int8.tflite",
          "mobilenet_v2/mobilenet_v2_quantized_1x3x224x224.tflite"]
_expected_cache = {}


@pytest.mark.parametrize("name", SHARED)
def test_shared_models_bit_exact_on_every_path(isa, name):
    path = shared_model(name)
    model = path.read_bytes()
    if name not in _expected_cache:
        inputs = [random_inputs(model, np.random.default_rng(7))]
        _expected_cache[name] = (inputs, run_oracle(model, inputs))
    inputs, expected = _expected_cache[name]
    assert_same_outputs(run_host(model, inputs, "optimized"), expected, f"{name} on {isa}")
