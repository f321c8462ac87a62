"""UNIDIRECTIONAL_SEQUENCE_LSTM against the oracle: TFLM's LSTM models and models built here,
over several invokes without reset (the states carry over) and after reset()."""
import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle, assert_reset_matches_fresh_oracle, shared_model
from tflm_host.builder import ModelBuilder

# Quantization as in TFLM's int8 LSTM models (mnist_lstm, micro_speech_lstm, dtln): per-tensor
# symmetric int8 weights, int32 biases, int8 output state shared with the output, int16 cell
# state with a power-of-two scale.
INT8 = dict(act="INT8", bias=np.int32, input_q=(0.0039215, -128), state_q=(0.0078168, 0),
            cell_scale=2.0 ** -12)
INT16 = dict(act="INT16", bias=np.int64, input_q=(0.00012, 0), state_q=(0.00003, 0),
             cell_scale=2.0 ** -11)


def lstm_model(dtype="FLOAT32", batch=1, time=5, input_dim=7, units=6, time_major=False,
               cell_clip=10.0, seed=0, quant=None, state_q=None, cell_scale=None,
               per_channel=False, activation="TANH", omit=(), extra=None, state_shape=None,
               intermediate_shape=(0,), variable=True, float_weights_dtype=np.float32):
    """An LSTM the way the converter writes one: 24 inputs (peephole, projection and layer-norm
    ones omitted), variable states, and for the quantized kinds the five 0-sized
    intermediates. `omit`/`extra` drop or add inputs to make invalid models."""
    rng = np.random.default_rng(seed)
    b = ModelBuilder()
    in_shape = [time, batch, input_dim] if time_major else [batch, time, input_dim]
    out_shape = in_shape[:2] + [units]
    state_shape = state_shape or [batch, units]
    inputs = [-1] * 24
    intermediates = []
    if dtype == "FLOAT32":
        inputs[0] = b.add_input("x", in_shape, "FLOAT32")
        for g in range(4):
            inputs[1 + g] = b.add_constant(f"w{g}", rng.normal(0, 0.4, (units, input_dim))
                                           .astype(float_weights_dtype))
            inputs[5 + g] = b.add_constant(f"r{g}", rng.normal(0, 0.4, (units, units))
                                           .astype(float_weights_dtype))
            inputs[12 + g] = b.add_constant(f"b{g}", rng.normal(0, 0.5, units).astype(np.float32))
        inputs[18] = b.add_tensor("h", state_shape, "FLOAT32", is_variable=variable)
        inputs[19] = b.add_tensor("c", state_shape, "FLOAT32", is_variable=True)
        y = b.add_tensor("y", out_shape, "FLOAT32")
    else:
        q = quant or (INT8 if dtype == "INT8" else INT16)
        in_scale, in_zp = q["input_q"]
        h_scale, h_zp = state_q or q["state_q"]
        inputs[0] = b.add_input("x", in_shape, dtype, scale=in_scale, zero_point=in_zp)

        def weights(name, shape, source_scale):
            w = rng.integers(-127, 128, shape).astype(np.int8)
            if per_channel:
                scales = list(rng.uniform(0.004, 0.012, shape[0]))
                idx = b.add_constant(name, w, scale=scales, zero_point=[0] * shape[0], axis=0)
                return idx, scales[0] * source_scale
            scale = float(rng.uniform(0.004, 0.012))
            return b.add_constant(name, w, scale=scale, zero_point=0), scale * source_scale

        for g in range(4):
            inputs[1 + g], bias_scale = weights(f"w{g}", (units, input_dim), in_scale)
            inputs[5 + g], _ = weights(f"r{g}", (units, units), h_scale)
            bias = rng.integers(-3000, 3000, units).astype(q["bias"])
            inputs[12 + g] = b.add_constant(f"b{g}", bias, scale=bias_scale, zero_point=0)
        inputs[18] = b.add_tensor("h", state_shape, dtype, scale=h_scale, zero_point=h_zp,
                                  is_variable=True)
        inputs[19] = b.add_tensor("c", state_shape, "INT16", zero_point=0, is_variable=True,
                                  scale=cell_scale or q["cell_scale"])
        y = b.add_tensor("y", out_shape, dtype, scale=h_scale, zero_point=h_zp)
        for name in ("input_to_input", "input_to_forget", "input_to_cell", "input_to_output"):
            intermediates.append(b.add_tensor(f"{name}_intermediate", intermediate_shape,
                                              "FLOAT32"))
        intermediates.append(b.add_tensor("effective_hidden_scale_intermediate",
                                          intermediate_shape, "INT8",
                                          scale=h_scale, zero_point=h_zp))
    for i in omit:
        inputs[i] = -1
    for i, array in (extra or {}).items():
        inputs[i] = b.add_constant(f"extra{i}", array)
    b.add_operator("UNIDIRECTIONAL_SEQUENCE_LSTM", inputs, [y], intermediates=intermediates,
                   fused_activation_function=activation, cell_clip=cell_clip, proj_clip=0.0,
                   time_major=time_major, asymmetric_quantize_inputs=False)
    b.add_output(y)
    return b.build()


SHARED_MODELS = {  # file: TFLM's head and variable-tensor bytes (MANIFEST.md)
    "mnist_lstm/trained_lstm.tflite": (5696, 160),
    "mnist_lstm/trained_lstm_int8.tflite": (1536, 80),
    "micro_speech_lstm/micro_speech_lstm.tflite": (17168, 240),
    "dtln/dtln_noise_suppression.tflite": (1424, 768),
}


@pytest.mark.parametrize("name", SHARED_MODELS)
def test_shared_lstm_models_match_oracle_over_invokes(name):
    assert_matches_oracle(shared_model(name), invokes=4)


@pytest.mark.parametrize("name", SHARED_MODELS)
def test_shared_lstm_models_after_reset(name):
    assert_reset_matches_fresh_oracle(shared_model(name).read_bytes(), before=3, after=2, seed=7)


@pytest.mark.parametrize("name", SHARED_MODELS)
def test_shared_lstm_models_arena_as_tflm(name):
    head, variables = SHARED_MODELS[name]
    interp = tflm_host.Interpreter(shared_model(name), kernels="reference")
    assert interp.arena_used_bytes() == head + variables
    # The optimized (CMSIS-NN) kernel needs two state-sized scratch buffers instead of four.
    optimized = tflm_host.Interpreter(shared_model(name), kernels="optimized")
    assert optimized.arena_used_bytes() <= head + variables


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
@pytest.mark.parametrize("batch,time,time_major", [(1, 1, False), (1, 6, False), (3, 4, False),
                                                   (3, 4, True), (2, 1, True)])
def test_lstm_matches_oracle(dtype, batch, time, time_major):
    model = lstm_model(dtype, batch=batch, time=time, time_major=time_major, seed=batch + time)
    assert_matches_oracle(model, invokes=3)


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
@pytest.mark.parametrize("cell_clip", [0.0, 0.4])
def test_lstm_cell_clip(dtype, cell_clip):
    assert_matches_oracle(lstm_model(dtype, batch=2, cell_clip=cell_clip), invokes=3)


@pytest.mark.parametrize("cell_scale", [2.0 ** -15, 2.0 ** -11, 2.0 ** -9, 0.0003])
def test_lstm_cell_state_scales(cell_scale):
    # tanh(cell) rescales by the cell scale's rounded log2, power of two or not.
    assert_matches_oracle(lstm_model("INT8", cell_scale=cell_scale), invokes=3)


@pytest.mark.parametrize("dtype,state_q", [("INT8", (0.0073633, -4)), ("INT8", (0.02, 127)),
                                           ("INT8", (0.01, -128)), ("INT16", (0.00005, -9))])
def test_lstm_state_zero_points(dtype, state_q):
    assert_matches_oracle(lstm_model(dtype, batch=2, state_q=state_q), invokes=3)


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
@pytest.mark.parametrize("activation", ["NONE", "RELU"])
def test_lstm_non_tanh_cell_activation_leaves_the_cell_gate_linear(dtype, activation):
    # TFLM asserts tanh; its release builds (the oracle) skip the activation instead.
    assert_matches_oracle(lstm_model(dtype, activation=activation), invokes=2)


def test_lstm_wide_input_saturates_gates():
    # 60 int8 inputs at full range push the Q3.12 gate sums into int16 saturation.
    assert_matches_oracle(lstm_model("INT8", input_dim=60, units=12, time=3), invokes=2)


def test_lstm_intermediates_take_no_arena():
    small = tflm_host.Interpreter(lstm_model("INT8"))
    sized = tflm_host.Interpreter(lstm_model("INT8", intermediate_shape=(64, 64)))
    assert sized.arena_used_bytes() == small.arena_used_bytes()
    assert all(p["tensor"] < 0 or "intermediate" not in p["name"] for p in sized.memory_plan())


def test_lstm_scratch_and_state_sizes():
    # TFLM's four scratch buffers of batch x units cells (two for the CMSIS-NN kernel, which
    # keeps the cell state in its variable tensor), and the two variable states.
    for kernels, buffers in (("reference", 4), ("optimized", 2)):
        interp = tflm_host.Interpreter(lstm_model("INT8", batch=3, units=6, time=2),
                                       kernels=kernels)
        scratch = [p["size"] for p in interp.memory_plan() if p["tensor"] < 0]
        assert scratch == [48] * buffers  # 3 * 6 int16 = 36 bytes, 16-aligned
        assert interp._runtime.persistent_bytes == 32 + 48  # int8 h, int16 c


@pytest.mark.parametrize("kwargs,message", [
    (dict(extra={9: np.ones(6, np.float32)}), "peephole, projection and layer-norm"),
    (dict(extra={16: np.ones((6, 6), np.float32)}), "peephole, projection and layer-norm"),
    (dict(omit=(1,)), "input 1 is required"),
    (dict(variable=False), "must be variable tensors"),
    (dict(float_weights_dtype=np.int8), "hybrid LSTM"),
    (dict(state_shape=[6]), "must be 2-D"),
    (dict(dtype="INT8", per_channel=True), "per-channel"),
    (dict(dtype="INT8", quant=dict(INT8, bias=np.int64)), "needs INT32 gate biases"),
    (dict(dtype="INT16", quant=dict(INT16, bias=np.int32)), "needs INT64 gate biases"),
    (dict(dtype="INT8", cell_scale=16.0), "cell state scale"),
])
def test_lstm_invalid_models_raise(kwargs, message):
    with pytest.raises(tflm_host.PrepareError, match=message):
        tflm_host.Interpreter(lstm_model(**kwargs))


def test_lstm_rejects_mismatched_weight_shape():
    b = ModelBuilder()
    rng = np.random.default_rng(0)
    inputs = [-1] * 24
    inputs[0] = b.add_input("x", [1, 3, 4], "FLOAT32")
    for g in range(4):
        inputs[1 + g] = b.add_constant(f"w{g}", rng.normal(size=(5, 4)).astype(np.float32))
        inputs[5 + g] = b.add_constant(f"r{g}", rng.normal(size=(5, 4)).astype(np.float32))
        inputs[12 + g] = b.add_constant(f"b{g}", np.zeros(5, np.float32))
    inputs[18] = b.add_tensor("h", [1, 5], "FLOAT32", is_variable=True)
    inputs[19] = b.add_tensor("c", [1, 5], "FLOAT32", is_variable=True)
    y = b.add_tensor("y", [1, 3, 5], "FLOAT32")
    b.add_operator("UNIDIRECTIONAL_SEQUENCE_LSTM", inputs, [y], fused_activation_function="TANH")
    b.add_output(y)
    with pytest.raises(tflm_host.PrepareError, match="recurrent weights has the wrong shape"):
        tflm_host.Interpreter(b.build())
