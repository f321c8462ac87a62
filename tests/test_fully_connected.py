"""FULLY_CONNECTED against the oracle on models built here."""
import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle
from tflm_host.builder import ModelBuilder


def _fc_model(dtype: str, batches: int, depth: int, units: int, activation: str,
              per_channel: bool, with_bias: bool, zero_point: int = 3, keep_num_dims=False):
    rng = np.random.default_rng(depth * 31 + units)
    b = ModelBuilder()
    if dtype == "FLOAT32":
        x = b.add_input("x", [batches, depth], dtype)
        w = b.add_constant("w", rng.normal(size=(units, depth)).astype(np.float32))
        bias = b.add_constant("b", rng.normal(size=units).astype(np.float32)) if with_bias else -1
        y = b.add_tensor("y", [batches, units], dtype)
    else:
        x = b.add_input("x", [batches, depth], dtype, scale=0.07, zero_point=zero_point)
        scales = rng.uniform(0.002, 0.02, units) if per_channel else [0.01]
        w = b.add_constant("w", rng.integers(-127, 128, (units, depth)).astype(np.int8),
                           scale=scales, zero_point=[0] * len(scales), axis=0)
        bias = -1
        if with_bias:
            bias = b.add_constant("b", rng.integers(-5000, 5000, units).astype(np.int32),
                                  scale=np.asarray(scales) * 0.07, zero_point=[0] * len(scales))
        y = b.add_tensor("y", [batches, units], dtype, scale=0.3, zero_point=-zero_point)
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
