"""FULLY_CONNECTED against the oracle on models built here."""
import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle
from tflm_host.builder import ModelBuilder


def _fc_model(dtype: str, batches: int, depth: int, units: int, activation: str,
              per_channel: bool, with_bias: bool, zero_point: int = 3, keep_num_dims=False,
              bias_dtype=np.int32, filter_zero_point: int = 0):
    rng = np.random.default_rng(depth * 31 + units)
    b = ModelBuilder()
    if dtype == "FLOAT32":
        x = b.add_input("x", [batches, depth], dtype)
        w = b.add_constant("w", rng.normal(size=(units, depth)).astype(np.float32))
        bias = b.add_constant("b", rng.normal(size=units).astype(np.float32)) if with_bias else -1
        y = b.add_tensor("y", [batches, units], dtype)
    else:
        in_scale, out_scale = (0.07, 0.3) if dtype == "INT8" else (0.0005, 0.004)
        x = b.add_input("x", [batches, depth], dtype, scale=in_scale, zero_point=zero_point)
        scales = rng.uniform(0.002, 0.02, units) if per_channel else [0.01]
        w = b.add_constant("w", rng.integers(-127, 128, (units, depth)).astype(np.int8),
                           scale=scales, zero_point=[filter_zero_point] * len(scales), axis=0)
        bias = -1
        if with_bias:
            bias = b.add_constant("b", rng.integers(-5000, 5000, units).astype(bias_dtype),
                                  scale=np.asarray(scales) * in_scale, zero_point=[0] * len(scales))
        y = b.add_tensor("y", [batches, units], dtype, scale=out_scale, zero_point=-zero_point)
    b.add_operator("FULLY_CONNECTED", [x, w, bias], [y], fused_activation_function=activation,
                   keep_num_dims=keep_num_dims)
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("dtype,per_channel", [("INT8", False), ("INT8", True), ("FLOAT32", False)])
@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"])
@pytest.mark.parametrize("with_bias", [False, True])
def test_fully_connected_matches_oracle(dtype, per_channel, activation, with_bias):
    model = _fc_model(dtype, 3, 17, 9, activation, per_channel, with_bias)
    assert_matches_oracle(model, invokes=3)


@pytest.mark.parametrize("zero_point", [-128, 127])
def test_fully_connected_extreme_zero_points(zero_point):
    assert_matches_oracle(_fc_model("INT8", 2, 40, 5, "NONE", True, True, zero_point), invokes=3)


def test_fully_connected_rejects_mismatched_bias():
    b = ModelBuilder()
    x = b.add_input("x", [1, 4], "FLOAT32")
    w = b.add_constant("w", np.ones((3, 4), np.float32))
    bias = b.add_constant("b", np.ones(5, np.float32))
    y = b.add_tensor("y", [1, 3], "FLOAT32")
    b.add_operator("FULLY_CONNECTED", [x, w, bias], [y])
    b.add_output(y)
    with pytest.raises(tflm_host.PrepareError, match="bias has 5 elements, expected 3"):
        tflm_host.Interpreter(b.build())


# 16x8: int16 activations, int8 weights, int32 or int64 bias (TFLM accumulates in its width).
@pytest.mark.parametrize("bias_dtype,with_bias", [(np.int64, True), (np.int32, True),
                                                   (np.int32, False)])
@pytest.mark.parametrize("per_channel", [False, True])
@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"])
def test_fully_connected_16x8(bias_dtype, with_bias, per_channel, activation):
    model = _fc_model("INT16", 3, 23, 7, activation, per_channel, with_bias, zero_point=0,
                      bias_dtype=bias_dtype)
    assert_matches_oracle(model, invokes=3)


@pytest.mark.parametrize("per_channel", [False, True])
@pytest.mark.parametrize("bias_dtype", [np.int32, np.int64])
def test_fully_connected_16x8_applies_zero_points(per_channel, bias_dtype):
    # Unlike the 16x8 convs, TFLM's int16 FULLY_CONNECTED applies both zero points.
    model = _fc_model("INT16", 2, 64, 5, "NONE", per_channel, True, zero_point=300,
                      bias_dtype=bias_dtype)
    assert_matches_oracle(model, invokes=2)


def test_fully_connected_16x8_long_accumulation():
    # 600 products of full-range int16 and int8 values overflow no int64 accumulator.
    model = _fc_model("INT16", 1, 600, 4, "NONE", True, True, zero_point=0, bias_dtype=np.int64)
    assert_matches_oracle(model, invokes=2)


@pytest.mark.parametrize("dtype", ["INT8", "INT16"])
def test_fully_connected_per_tensor_filter_zero_point(dtype):
    # A per-tensor filter's zero point is applied (per-channel ones are taken as 0).
    model = _fc_model(dtype, 2, 12, 5, "NONE", False, True, zero_point=0, filter_zero_point=4,
                      bias_dtype=np.int32)
    assert_matches_oracle(model, invokes=2)


def test_fully_connected_16x8_rejects_int16_bias():
    model = _fc_model("INT16", 1, 8, 3, "NONE", False, True, zero_point=0, bias_dtype=np.int16)
    with pytest.raises(tflm_host.PrepareError, match="int32 or int64"):
        tflm_host.Interpreter(model)
