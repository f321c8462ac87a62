"""The optimized (CMSIS-NN API) kernels of AVERAGE_POOL_2D, MAX_POOL_2D, ADD, MUL, SOFTMAX, SVDF
and UNIDIRECTIONAL_SEQUENCE_LSTM against the oracle on every code path of third_party/cmsis_nn
(portable C, AVX2, and what the CPU offers above): channel counts and sizes around the SIMD
widths (tails), extreme zero points and scales, and the shapes where the glue falls back to
the reference kernel."""
import os
import subprocess
import sys
import tempfile

import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle
from test_elementwise_ops import _binary_model
from test_lstm import lstm_model
from test_svdf import svdf_model
from tflm_host import _core
from tflm_host.builder import ModelBuilder

ISAS = ["portable", "avx2", "avx512"]
OPTIMIZED = ("optimized",)


@pytest.fixture(params=ISAS)
def isa(request):
    """Runs the test with the CMSIS-NN code path forced to one ISA (skipped if unsupported)."""
    before = _core.cmsis_isa()
    if _core.set_cmsis_isa(request.param) != request.param:
        _core.set_cmsis_isa(before)
        pytest.skip(f"this CPU (or CMSIS-NN build) has no {request.param} path")
    yield request.param
    _core.set_cmsis_isa(before)


def _ints(dtype, shape, rng, low=None, high=None):
    info = np.iinfo(dtype)
    low = info.min if low is None else low
    high = info.max if high is None else high
    return rng.integers(low, high, size=shape, endpoint=True).astype(dtype)


NP_TYPES = {"INT8": np.int8, "INT16": np.int16}


# -- pooling -------------------------------------------------------------------------------
def _pool_model(op, dtype, shape, filt, stride, padding, activation, quant):
    n, h, w, c = shape
    (fh, fw), (sh, sw) = filt, stride
    if padding == "SAME":
        oh, ow = -(-h // sh), -(-w // sw)
    else:
        oh, ow = (h - fh) // sh + 1, (w - fw) // sw + 1
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **quant)
    y = b.add_tensor("y", [n, oh, ow, c], dtype, **quant)
    b.add_operator(op, [x], [y], padding=padding, stride_h=sh, stride_w=sw, filter_height=fh,
                   filter_width=fw, fused_activation_function=activation)
    b.add_output(y)
    return b.build()


# Around the AVX2 blocks: 8 and 16 lanes (average), 16 and 32 lanes (max).
POOL_CHANNELS = [1, 7, 8, 9, 16, 17, 31, 32, 33, 50, 72]


@pytest.mark.parametrize("op", ["AVERAGE_POOL_2D", "MAX_POOL_2D"])
@pytest.mark.parametrize("dtype", ["INT8", "INT16"])
@pytest.mark.parametrize("channels", POOL_CHANNELS)
def test_pool_channel_tails_match_oracle(isa, op, dtype, channels):
    quant = {"scale": 0.05, "zero_point": -3 if dtype == "INT8" else 0}
    model = _pool_model(op, dtype, [2, 7, 6, channels], (3, 2), (2, 2), "SAME", "NONE", quant)
    assert_matches_oracle(model, invokes=2, seed=channels, kernels=OPTIMIZED)


@pytest.mark.parametrize("op", ["AVERAGE_POOL_2D", "MAX_POOL_2D"])
@pytest.mark.parametrize("dtype", ["INT8", "INT16"])
@pytest.mark.parametrize("activation", ["RELU", "RELU6", "RELU_N1_TO_1"])
@pytest.mark.parametrize("zero_point", [-128, 0, 127])
def test_pool_activation_clamps_match_oracle(isa, op, dtype, activation, zero_point):
    if dtype == "INT16":
        zero_point = 0  # TFLM's int16 pooling has symmetric quantization
    model = _pool_model(op, dtype, [1, 5, 5, 19], (2, 2), (1, 1), "VALID", activation,
                        {"scale": 0.02, "zero_point": zero_point})
    assert_matches_oracle(model, seed=zero_point + 200, kernels=OPTIMIZED)


@pytest.mark.parametrize("fill", ["min", "max", None])
@pytest.mark.parametrize("size", [16, 20])
@pytest.mark.parametrize("dtype", ["INT8", "INT16"])
def test_average_pool_large_windows_match_oracle(isa, fill, size, dtype):
    # Global pooling over 256 cells (the most the AVX2 int8 path sums in int16) and 400:
    # extreme sums, every rounding case of the mean.
    shape = [1, size, size, 24]
    t = NP_TYPES[dtype]
    model = _pool_model("AVERAGE_POOL_2D", dtype, shape, (size, size), (1, 1), "VALID", "NONE",
                        {"scale": 0.1, "zero_point": 5 if dtype == "INT8" else 0})
    rng = np.random.default_rng(3)
    x = _ints(t, shape, rng) if fill is None else np.full(shape, getattr(np.iinfo(t), fill), t)
    assert_matches_oracle(model, [x], kernels=OPTIMIZED)


def test_average_pool_rounds_ties_away_from_zero(isa):
    # Windows of 2 cells whose sums are odd: means of exactly +-k.5 in both signs.
    # 25 channels: a 16-channel block, an 8-channel block and a scalar tail.
    model = _pool_model("AVERAGE_POOL_2D", "INT8", [1, 1, 8, 25], (1, 2), (1, 2), "VALID",
                        "NONE", {"scale": 0.1, "zero_point": 0})
    x = np.array([[-3, -2, -1, 0, 1, 2, 5, 6]] * 25, np.int8).T.reshape(1, 1, 8, 25)
    assert_matches_oracle(model, [x], kernels=OPTIMIZED)


# -- ADD and MUL -----------------------------------------------------------------------------
# (scale, zero point) of input 1, input 2 and the output.
INT8_QUANTS = {
    "similar scales": [(0.05, -3), (0.04, 7), (0.08, 1)],
    "extreme zero points": [(0.02, -128), (0.5, 127), (0.3, -128)],
    "tiny output scale": [(0.1, 0), (0.003, -20), (0.001, 10)],
}
INT16_QUANTS = {
    "similar scales": [(0.001, 0), (0.0007, 0), (0.002, 0)],
    "wide ratio": [(0.05, 0), (0.0001, 0), (0.0003, 0)],
}
# Around the 8-lane AVX2 step: tails of 1..7 elements.
SIZES = [[1], [7], [8], [9], [3, 5], [2, 4, 4], [1, 9, 11]]


@pytest.mark.parametrize("op", ["ADD", "MUL"])
@pytest.mark.parametrize("dtype,quant_name",
                         [("INT8", k) for k in INT8_QUANTS] + [("INT16", k) for k in INT16_QUANTS])
@pytest.mark.parametrize("shape", SIZES)
def test_binary_same_shape_matches_oracle(isa, op, dtype, quant_name, shape):
    quants = (INT8_QUANTS if dtype == "INT8" else INT16_QUANTS)[quant_name]
    model = _binary_model(op, dtype, shape, shape, quant=quants)
    rng = np.random.default_rng(len(shape) * 31 + shape[-1])
    t = NP_TYPES[dtype]
    inputs = [[_ints(t, shape, rng), _ints(t, shape, rng)] for _ in range(2)]
    assert_matches_oracle(model, inputs, kernels=OPTIMIZED)


@pytest.mark.parametrize("op", ["ADD", "MUL"])
@pytest.mark.parametrize("dtype", ["INT8", "INT16"])
@pytest.mark.parametrize("activation", ["RELU", "RELU6", "RELU_N1_TO_1"])
def test_binary_activations_match_oracle(isa, op, dtype, activation):
    quants = (INT8_QUANTS if dtype == "INT8" else INT16_QUANTS)["similar scales"]
    shape = [4, 13]
    model = _binary_model(op, dtype, shape, shape, activation, quant=quants)
    rng = np.random.default_rng(11)
    t = NP_TYPES[dtype]
    assert_matches_oracle(model, [_ints(t, shape, rng), _ints(t, shape, rng)], kernels=OPTIMIZED)


@pytest.mark.parametrize("op", ["ADD", "MUL"])
@pytest.mark.parametrize("shape1,shape2", [([2, 9], [9]), ([1], [3, 17]), ([16], [1, 16]),
                                           ([3, 1, 5], [1, 4, 5])])
def test_binary_broadcast_and_same_size_shapes_match_oracle(isa, op, shape1, shape2):
    # Broadcasts run the reference kernel; [16] with [1, 16] has the output's size and runs CMSIS-NN.
    model = _binary_model(op, "INT8", shape1, shape2, quant=INT8_QUANTS["similar scales"])
    rng = np.random.default_rng(5)
    assert_matches_oracle(model, [_ints(np.int8, shape1, rng), _ints(np.int8, shape2, rng)],
                          kernels=OPTIMIZED)


# -- SOFTMAX ---------------------------------------------------------------------------------
SOFTMAX_OUT = {"INT8": {"scale": 1.0 / 256, "zero_point": -128},
               "INT16": {"scale": 1.0 / 65536, "zero_point": -32768}}


def _softmax_model(shape, in_type, in_quant, out_type, out_quant, beta):
    b = ModelBuilder()
    x = b.add_input("x", shape, in_type, **in_quant)
    y = b.add_tensor("y", shape, out_type, **out_quant)
    b.add_operator("SOFTMAX", [x], [y], beta=beta)
    b.add_output(y)
    return b.build()


def _oracle_aborts(model: bytes, x: np.ndarray) -> bool:
    """Whether the oracle kills its process invoking `model` on `x` (run in a child)."""
    code = ("import sys, numpy as np\n"
            "from oracle import run_oracle\n"
            "model = open(sys.argv[1], 'rb').read()\n"
            "x = np.load(sys.argv[2])\n"
            "run_oracle(model, [[x]])\n")
    with tempfile.TemporaryDirectory() as tmp:
        model_path, x_path = os.path.join(tmp, "m.tflite"), os.path.join(tmp, "x.npy")
        with open(model_path, "wb") as f:
            f.write(model)
        np.save(x_path, x)
        child = subprocess.run([sys.executable, "-c", code, model_path, x_path],
                               cwd=os.path.dirname(__file__), capture_output=True)
    return child.returncode < 0 or child.returncode == 134


# Few elements (exp per element) and >= 512 elements (exp tabulated per call); rows of 511
# run CMSIS-NN, rows of 512 int8 -> int8 the reference kernel.
SOFTMAX_SHAPES = [[1, 4], [3, 1], [2, 37], [40, 13], [2, 255], [1, 511], [2, 512], [1, 1000]]


@pytest.mark.parametrize("out_type", ["INT8", "INT16"])
@pytest.mark.parametrize("shape", SOFTMAX_SHAPES)
@pytest.mark.parametrize("scale,beta", [(0.1, 1.0), (0.02, 0.7), (0.5, 1.3)])
def test_softmax_int8_matches_oracle(isa, out_type, shape, scale, beta):
    model = _softmax_model(shape, "INT8", {"scale": scale, "zero_point": -5}, out_type, SOFTMAX_OUT[out_type], beta)
    rng = np.random.default_rng(shape[-1])
    inputs = [[_ints(np.int8, shape, rng)], [_ints(np.int8, shape, rng, -30, 30)]]
    if out_type == "INT8" and shape[-1] >= 512 and scale * beta < 0.05:
        # Rows of nearly equal exponentials can sum past what TFLM's int8 path handles, where
        # the oracle aborts the process: there we must raise, elsewhere match the oracle.
        for (x,) in inputs:
            interp = tflm_host.Interpreter(model, kernels=OPTIMIZED[0])
            interp.set_input(x, 0)
            try:
                interp.invoke()
            except tflm_host.InvokeError as e:
                assert "TFLM aborts here" in str(e)
                assert _oracle_aborts(model, x)
            else:
                assert_matches_oracle(model, [x], kernels=OPTIMIZED)
        return
    assert_matches_oracle(model, inputs, kernels=OPTIMIZED)


@pytest.mark.parametrize("shape", [[1, 4], [3, 33], [2, 600]])
@pytest.mark.parametrize("scale,beta", [(0.001, 1.0), (0.0003, 0.6), (0.01, 2.0)])
def test_softmax_int16_matches_oracle(isa, shape, scale, beta):
    model = _softmax_model(shape, "INT16", {"scale": scale, "zero_point": 0}, "INT16",
                           {"scale": 1.0 / 32768, "zero_point": 0}, beta)
    rng = np.random.default_rng(shape[-1])
    inputs = [[_ints(np.int16, shape, rng)], [_ints(np.int16, shape, rng, -3000, 3000)]]
    assert_matches_oracle(model, inputs, kernels=OPTIMIZED)


# -- UNIDIRECTIONAL_SEQUENCE_LSTM ------------------------------------------------------------
# Input and state widths around the 16-value AVX2 dot product (tails), and an int16 input
# longer than the 128 * 16 values after which the AVX2 int16 dot moves its sums to int64.
@pytest.mark.parametrize("dtype", ["INT8", "INT16"])
@pytest.mark.parametrize("input_dim,units", [(1, 1), (7, 5), (16, 16), (33, 20), (64, 17)])
@pytest.mark.parametrize("time_major", [False, True])
def test_lstm_widths_match_oracle(isa, dtype, input_dim, units, time_major):
    model = lstm_model(dtype, batch=2, time=3, input_dim=input_dim, units=units,
                       time_major=time_major, seed=input_dim + units)
    assert_matches_oracle(model, invokes=3, kernels=OPTIMIZED)


@pytest.mark.parametrize("dtype", ["INT8", "INT16"])
@pytest.mark.parametrize("cell_clip", [0.0, 0.4, 3.0])
def test_lstm_cell_clip_matches_oracle(isa, dtype, cell_clip):
    model = lstm_model(dtype, batch=2, input_dim=20, units=18, cell_clip=cell_clip)
    assert_matches_oracle(model, invokes=3, kernels=OPTIMIZED)


def test_lstm_long_int16_input_matches_oracle(isa):
    model = lstm_model("INT16", batch=1, time=2, input_dim=2100, units=4)
    assert_matches_oracle(model, invokes=2, kernels=OPTIMIZED)


@pytest.mark.parametrize("dtype", ["INT8", "INT16"])
def test_lstm_runs_cmsis_nn_with_two_scratch_buffers(dtype):
    # The optimized kernel is CMSIS-NN's (two state-sized buffers), not the reference fallback.
    interp = tflm_host.Interpreter(lstm_model(dtype, batch=3, units=6, time=2))
    assert len([p for p in interp.memory_plan() if p["tensor"] < 0]) == 2


@pytest.mark.parametrize("activation", ["NONE", "RELU"])
def test_lstm_non_tanh_cell_gate_falls_back_to_reference(activation):
    interp = tflm_host.Interpreter(lstm_model("INT8", activation=activation))
    assert len([p for p in interp.memory_plan() if p["tensor"] < 0]) == 4


# -- SVDF ------------------------------------------------------------------------------------
# Input sizes around the 16-value AVX2 dot product of the feature matmul.
@pytest.mark.parametrize("state_dtype", ["INT16", "INT8"])
@pytest.mark.parametrize("input_size", [1, 15, 16, 17, 40])
@pytest.mark.parametrize("rank,batch", [(1, 1), (2, 3)])
def test_svdf_input_sizes_match_oracle(isa, state_dtype, input_size, rank, batch):
    model = svdf_model("INT8", state_dtype=state_dtype, input_size=input_size, rank=rank,
                       batch=batch, memory=5, seed=input_size)
    assert_matches_oracle(model, invokes=6, kernels=OPTIMIZED)


@pytest.mark.parametrize("state_dtype", ["INT16", "INT8"])
def test_svdf_saturating_state_matches_oracle(isa, state_dtype):
    # A tiny state scale pushes the feature activations past the state type's range: an int8
    # state is clamped to int8 as TFLM reference does (TFLM's cmsis glue passes the int16 range).
    quant = dict(state=(0.0002, 0), input=(0.03, -128))
    model = svdf_model("INT8", state_dtype=state_dtype, quant=quant, input_size=24, memory=6)
    assert_matches_oracle(model, invokes=5, kernels=OPTIMIZED)


def test_isa_environment_variable_selects_the_portable_path(tmp_path):
    # TFLM_HOST_ISA=portable at start-up: the portable path, with the SIMD path's bits.
    model = _pool_model("AVERAGE_POOL_2D", "INT8", [1, 9, 9, 40], (3, 3), (2, 2), "SAME", "NONE",
                        {"scale": 0.05, "zero_point": -3})
    x = _ints(np.int8, [1, 9, 9, 40], np.random.default_rng(1))
    (tmp_path / "model.tflite").write_bytes(bytes(model))
    np.save(tmp_path / "x.npy", x)
    script = (
        "import sys, numpy as np, tflm_host\n"
        "from tflm_host import _core\n"
        "d = sys.argv[1]\n"
        "i = tflm_host.Interpreter(open(d + '/model.tflite', 'rb').read())\n"
        "i.set_input(np.load(d + '/x.npy'), 0); i.invoke()\n"
        "np.save(d + '/y.npy', i.get_output(0)); print(_core.cmsis_isa())\n")
    env = dict(os.environ, TFLM_HOST_ISA="portable")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], env=env,
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "portable"
    interp = tflm_host.Interpreter(model)
    interp.set_input(x, 0)
    interp.invoke()
    np.testing.assert_array_equal(np.load(tmp_path / "y.npy"), interp.get_output(0))
