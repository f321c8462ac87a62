"""SVDF against the oracle: TFLM's keyword benchmark models (int8 with int16 and int8 state)
over sequential invokes and after reset(), and built float/int8 SVDFs of rank 1 and 2, batch > 1,
with every fused activation, plus the invalid models Prepare must reject."""
import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle, assert_reset_matches_fresh_oracle, shared_model
from tflm_host.builder import ModelBuilder

KEYWORD_MODELS = ["keyword/keyword_scrambled.tflite", "keyword/keyword_scrambled_8bit.tflite"]


@pytest.mark.parametrize("name", KEYWORD_MODELS)
def test_keyword_models_match_oracle_over_invokes(name):
    assert_matches_oracle(shared_model(name), invokes=8, seed=3)


@pytest.mark.parametrize("name", KEYWORD_MODELS)
def test_keyword_models_after_reset(name):
    assert_reset_matches_fresh_oracle(shared_model(name).read_bytes(), before=3, after=3,
                                      seed=11)


# int8 quantization: (input, weights_feature, weights_time, state, output) as (scale, zero point).
INT8_QUANT = dict(input=(0.02, 5), feature=(0.01, 0), time=(0.004, 0), state=(0.05, 0),
                  output=(0.03, -4))


def svdf_model(dtype="FLOAT32", state_dtype=None, batch=1, input_size=5, units=3, rank=1,
               memory=4, activation="NONE", bias=True, seed=0, quant=None, variable=True,
               state_shape=None, output_shape=None, bias_scale=None):
    rng = np.random.default_rng(seed)
    filters = units * rank
    b = ModelBuilder()
    if dtype == "FLOAT32":
        x = b.add_input("x", [batch, input_size], "FLOAT32")
        wf = b.add_constant("wf", rng.uniform(-1, 1, (filters, input_size)).astype(np.float32))
        wt = b.add_constant("wt", rng.uniform(-1, 1, (filters, memory)).astype(np.float32))
        bias_t = b.add_constant("b", rng.uniform(-1, 1, units).astype(np.float32)) if bias else -1
        state = b.add_tensor("s", state_shape or [batch, memory * filters], "FLOAT32",
                             is_variable=variable)
        y = b.add_tensor("y", output_shape or [batch, units], "FLOAT32")
    else:
        q = dict(INT8_QUANT, **(quant or {}))
        state_dtype = state_dtype or "INT16"
        time_np = np.int16 if state_dtype == "INT16" else np.int8
        info = np.iinfo(time_np)
        x = b.add_input("x", [batch, input_size], "INT8", scale=q["input"][0],
                        zero_point=q["input"][1])
        wf = b.add_constant("wf", rng.integers(-127, 128, (filters, input_size)).astype(np.int8),
                            scale=q["feature"][0], zero_point=q["feature"][1])
        wt = b.add_constant("wt", rng.integers(info.min // 4, info.max // 4,
                                               (filters, memory)).astype(time_np),
                            scale=q["time"][0], zero_point=q["time"][1])
        state_scale = q["state"][0]
        if bias:
            scale = bias_scale or np.float32(state_scale) * np.float32(q["time"][0])
            bias_t = b.add_constant("b", rng.integers(-2000, 2000, units).astype(np.int32),
                                    scale=float(scale), zero_point=0)
        else:
            bias_t = -1
        state = b.add_tensor("s", state_shape or [batch, memory * filters], state_dtype,
                             scale=state_scale, zero_point=q["state"][1], is_variable=variable)
        y = b.add_tensor("y", output_shape or [batch, units], "INT8", scale=q["output"][0],
                         zero_point=q["output"][1])
    b.add_operator("SVDF", [x, wf, wt, bias_t, state], [y], rank=rank,
                   fused_activation_function=activation)
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("rank", [1, 2])
@pytest.mark.parametrize("batch", [1, 3])
@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6", "RELU_N1_TO_1", "TANH",
                                        "SIGN_BIT"])
def test_float_svdf(rank, batch, activation):
    assert_matches_oracle(svdf_model(rank=rank, batch=batch, activation=activation), invokes=6)


@pytest.mark.parametrize("state_dtype", ["INT16", "INT8"])
@pytest.mark.parametrize("rank", [1, 2])
@pytest.mark.parametrize("batch", [1, 2])
def test_int8_svdf(state_dtype, rank, batch):
    # The fused RELU is ignored by TFLM's integer kernel; the oracle comparison covers that.
    model = svdf_model("INT8", state_dtype=state_dtype, rank=rank, batch=batch,
                       activation="RELU", seed=rank + batch)
    assert_matches_oracle(model, invokes=6)


@pytest.mark.parametrize("state_scale,state_zero_point", [(0.02, -7), (0.02, 9), (0.002, 20)])
def test_int8_svdf_with_state_zero_point(state_scale, state_zero_point):
    # An int8 state may have a zero point: it resets to it, and TFLM adds it after the clamp,
    # so saturated activations wrap (the small scale forces that).
    quant = dict(state=(state_scale, state_zero_point), input=(0.03, -128))
    model = svdf_model("INT8", state_dtype="INT8", quant=quant, batch=2, rank=2, memory=3)
    assert_matches_oracle(model, invokes=6)


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
@pytest.mark.parametrize("memory,rank,units", [(1, 1, 4), (1, 3, 2), (10, 3, 3)])
def test_svdf_memory_and_rank_edges(dtype, memory, rank, units):
    model = svdf_model(dtype, memory=memory, rank=rank, units=units, batch=3, input_size=7)
    assert_matches_oracle(model, invokes=memory + 3)


def test_int8_svdf_saturating_state():
    # A small state scale drives the feature activations into the int16 clamp.
    quant = dict(state=(0.0002, 0))
    assert_matches_oracle(svdf_model("INT8", quant=quant, input_size=16, memory=6), invokes=5)


@pytest.mark.parametrize("kwargs,message", [
    (dict(variable=False), "must be a variable tensor"),
    # TFLM crashes without a bias (float and int8) although the schema makes it optional.
    (dict(bias=False), "input 3 is required"),
    (dict(dtype="INT8", bias=False), "input 3 is required"),
    (dict(dtype="INT8", bias_scale=1.0), "bias scale"),
    (dict(units=3, rank=2, output_shape=[1, 6]), "output must be"),
    (dict(state_shape=[1, 7]), "activation state must be"),
])
def test_invalid_svdf_models_raise(kwargs, message):
    with pytest.raises(tflm_host.PrepareError, match=message):
        tflm_host.Interpreter(svdf_model(**kwargs))


def test_int8_svdf_rejects_mismatched_state_type():
    b = ModelBuilder()
    x = b.add_input("x", [1, 4], "INT8", scale=0.1, zero_point=0)
    wf = b.add_constant("wf", np.ones((2, 4), np.int8), scale=0.1, zero_point=0)
    wt = b.add_constant("wt", np.ones((2, 3), np.int16), scale=0.1, zero_point=0)
    bias = b.add_constant("b", np.zeros(2, np.int32), scale=0.01, zero_point=0)
    s = b.add_tensor("s", [1, 6], "INT8", scale=0.1, zero_point=0, is_variable=True)
    y = b.add_tensor("y", [1, 2], "INT8", scale=0.1, zero_point=0)
    b.add_operator("SVDF", [x, wf, wt, bias, s], [y], rank=1)
    b.add_output(y)
    with pytest.raises(tflm_host.PrepareError, match="activation state must be INT16"):
        tflm_host.Interpreter(b.build())
