"""The 16x8 optimized kernels (int16 activations, int8 weights) of third_party/cmsis_nn:
arm_convolve_wrapper_s16, arm_depthwise_conv_wrapper_s16 and arm_fully_connected_s16, on every
x86-64 code path the CPU has, against the oracle (TFLM's reference interpreter). Also checks
that the registry really picks the s16 kernels for int16 nodes."""
import numpy as np
import pytest

from oracle import assert_same_outputs, random_inputs, run_host, run_oracle
from test_cmsis_nn import isa  # noqa: F401  (the per-ISA fixture)
from test_conv_ops import _conv_model
from test_fully_connected import _fc_model
from tflm_host import _core
from tflm_host.builder import ModelBuilder
from tflm_host.model import TENSOR_TYPES
from tflm_host.ops import kernel_table

TYPE_CODES = {name: code for code, name in TENSOR_TYPES.items()}


def _picked(op, input_types):
    """The (variant, types) of the kernel Registry::Find picks for a node with these inputs."""
    codes = [TYPE_CODES[t] for t in input_types]
    index = _core.find_kernel(op, "optimized", codes)
    assert index is not None
    _, variant, types, _ = _core.kernels()[index]
    return variant, [TENSOR_TYPES[t] for t in types]


@pytest.mark.parametrize("op", ["CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED"])
def test_registry_picks_s16_kernel(op):
    assert _picked(op, ["INT16", "INT8", "INT64"]) == ("optimized", ["INT16"])
    assert _picked(op, ["INT8", "INT8", "INT32"]) == ("optimized", ["INT8"])
    assert _picked(op, ["FLOAT32", "FLOAT32", "FLOAT32"])[0] == "reference"
    # The table merges both optimized registrations (README op table: int8, int16).
    assert kernel_table()[(op, "optimized")].types == ("INT8", "INT16")


def _check(model, invokes=2, seed=0):
    rng = np.random.default_rng(seed)
    input_sets = [random_inputs(model, rng) for _ in range(invokes)]
    expected = run_oracle(model, input_sets)
    assert_same_outputs(run_host(model, input_sets, "optimized"), expected,
                        f"optimized on {_core.cmsis_isa()}")


# (input shape, kernel, out channels, padding, stride, dilation)
CONV_CASES = [
    ((1, 5, 7, 1), (1, 1), 1, "VALID", (1, 1), (1, 1)),
    ((1, 6, 6, 5), (1, 1), 33, "VALID", (1, 1), (1, 1)),
    ((2, 9, 7, 17), (3, 3), 8, "SAME", (1, 1), (1, 1)),
    ((1, 11, 9, 3), (3, 3), 16, "SAME", (2, 2), (1, 1)),
    ((1, 13, 12, 4), (3, 2), 9, "VALID", (2, 1), (3, 2)),
    ((2, 7, 9, 5), (5, 3), 6, "SAME", (1, 2), (2, 1)),
    ((1, 1, 30, 8), (1, 5), 12, "SAME", (1, 1), (1, 1)),
]


@pytest.mark.parametrize("case", CONV_CASES)
@pytest.mark.parametrize("bias_dtype", [np.int64, np.int32, None])
def test_conv_s16(isa, case, bias_dtype):  # noqa: F811
    shape, kernel, out_ch, padding, stride, dilation = case
    model = _conv_model("CONV_2D", "INT16", in_shape=shape, kernel=kernel, out_ch=out_ch,
                        padding=padding, stride=stride, dilation=dilation, in_zp=0, out_zp=0,
                        with_bias=bias_dtype is not None, bias_dtype=bias_dtype)
    _check(model)


# (input shape, kernel, depth multiplier, padding, stride, dilation)
DEPTHWISE_CASES = [
    ((1, 7, 6, 1), (3, 3), 4, "SAME", (2, 2), (1, 1)),
    ((1, 9, 8, 6), (3, 3), 1, "SAME", (1, 1), (1, 1)),
    ((2, 10, 9, 3), (5, 3), 2, "VALID", (1, 2), (1, 1)),
    ((1, 12, 11, 5), (3, 3), 3, "SAME", (2, 1), (2, 3)),
    ((1, 1, 25, 16), (1, 7), 1, "SAME", (1, 1), (1, 1)),
]


def _depthwise(case, with_bias):
    shape, kernel, multiplier, padding, stride, dilation = case
    return _conv_model("DEPTHWISE_CONV_2D", "INT16", in_shape=shape, kernel=kernel,
                       out_ch=shape[3] * multiplier, depth_multiplier=multiplier,
                       padding=padding, stride=stride, dilation=dilation, in_zp=0, out_zp=0,
                       with_bias=with_bias)


@pytest.mark.parametrize("case", DEPTHWISE_CASES)
def test_depthwise_s16(isa, case):  # noqa: F811
    _check(_depthwise(case, with_bias=True))


@pytest.mark.parametrize("case", DEPTHWISE_CASES)
def test_depthwise_s16_without_bias(isa, case):  # noqa: F811
    # TFLM's reference int16 depthwise dereferences a missing bias (the oracle segfaults), so
    # this one is checked against our reference kernel, itself checked against the oracle
    # with a bias in tests/test_conv_ops.py.
    model = _depthwise(case, with_bias=False)
    rng = np.random.default_rng(1)
    input_sets = [random_inputs(model, rng) for _ in range(2)]
    assert_same_outputs(run_host(model, input_sets, "optimized"),
                        run_host(model, input_sets, "reference"), "optimized vs reference")


# Output scales from a left shift (tiny output scale) to right shifts near 31 (huge one), and
# per-tensor weights.
@pytest.mark.parametrize("op", ["CONV_2D", "DEPTHWISE_CONV_2D"])
@pytest.mark.parametrize("out_scale", [2e-6, 1e-4, 0.5, 20.0])
@pytest.mark.parametrize("per_channel", [True, False])
@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6"])
def test_conv_s16_requantization(isa, op, out_scale, per_channel, activation):  # noqa: F811
    model = _conv_model(op, "INT16", in_shape=(1, 6, 7, 4), out_ch=8, in_zp=0, out_zp=0,
                        out_scale=out_scale, per_channel=per_channel, activation=activation)
    _check(model)


@pytest.mark.parametrize("op", ["CONV_2D", "DEPTHWISE_CONV_2D"])
def test_s16_ignores_zero_points_like_tflm(isa, op):  # noqa: F811
    _check(_conv_model(op, "INT16", in_zp=300, out_zp=-200, activation="RELU"))


def _conv_big_bias_model(op, bias_magnitude):
    """A 16x8 conv whose int64 bias is far outside int32 (the accumulator must be 64-bit)."""
    rng = np.random.default_rng(3)
    b = ModelBuilder()
    in_scale, out_ch = 0.0004, 6
    x = b.add_input("x", (1, 5, 5, 3), "INT16", scale=in_scale, zero_point=0)
    scales = rng.uniform(0.002, 0.02, out_ch)
    if op == "CONV_2D":
        shape, axis, options = (out_ch, 3, 3, 3), 0, {}
    else:
        shape, axis, options = (1, 3, 3, out_ch), 3, {"depth_multiplier": 2}
    f = b.add_constant("f", rng.integers(-127, 128, shape).astype(np.int8), scale=scales,
                       zero_point=[0] * out_ch, axis=axis)
    bias = rng.integers(-bias_magnitude, bias_magnitude, out_ch).astype(np.int64)
    bias_t = b.add_constant("b", bias, scale=scales * in_scale, zero_point=[0] * out_ch)
    # An output scale that puts the biases (up to bias_magnitude) within the int16 range.
    y = b.add_tensor("y", (1, 5, 5, out_ch), "INT16", scale=bias_magnitude * in_scale * 0.01 / 20000,
                     zero_point=0)
    b.add_operator(op, [x, f, bias_t], [y], padding="SAME", stride_h=1, stride_w=1,
                   dilation_h_factor=1, dilation_w_factor=1, fused_activation_function="NONE",
                   **options)
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("op", ["CONV_2D", "DEPTHWISE_CONV_2D"])
def test_s16_int64_bias_beyond_int32(isa, op):  # noqa: F811
    _check(_conv_big_bias_model(op, 1 << 40))


# FULLY_CONNECTED: CMSIS-NN for zero zero points, per-tensor weights, int64 or no bias; the
# reference kernel for the rest (these must match the oracle all the same).
@pytest.mark.parametrize("batches,depth,units", [(1, 1, 1), (3, 17, 9), (2, 300, 33)])
@pytest.mark.parametrize("with_bias", [True, False])
@pytest.mark.parametrize("activation", ["NONE", "RELU6"])
def test_fully_connected_s16(isa, batches, depth, units, with_bias, activation):  # noqa: F811
    _check(_fc_model("INT16", batches, depth, units, activation, per_channel=False,
                     with_bias=with_bias, zero_point=0, bias_dtype=np.int64))


@pytest.mark.parametrize("per_channel,zero_point,bias_dtype,filter_zero_point", [
    (True, 0, np.int64, 0), (False, 5, np.int64, 0), (False, 0, np.int32, 0),
    (False, 0, np.int64, 3)])
def test_fully_connected_s16_reference_fallbacks(isa, per_channel, zero_point, bias_dtype,  # noqa: F811
                                                 filter_zero_point):
    _check(_fc_model("INT16", 2, 20, 7, "NONE", per_channel=per_channel, with_bias=True,
                     zero_point=zero_point, bias_dtype=bias_dtype,
                     filter_zero_point=filter_zero_point))


# Windows and rows longer than the 128 * 16 values after which the AVX2 dot product moves its
# int32 lanes into int64 (sums far beyond int32: only the int64 accumulator path).
@pytest.mark.parametrize("bias", [True, False])
def test_conv_s16_long_window(isa, bias):  # noqa: F811
    _check(_conv_model("CONV_2D", "INT16", in_shape=(1, 5, 4, 300), out_ch=5, in_zp=0, out_zp=0,
                       with_bias=bias, bias_dtype=np.int64, out_scale=0.5))


@pytest.mark.parametrize("bias", [True, False])
def test_fully_connected_s16_long_row(isa, bias):  # noqa: F811
    _check(_fc_model("INT16", 2, 3000, 5, "NONE", per_channel=False, with_bias=bias,
                     zero_point=0, bias_dtype=np.int64))
