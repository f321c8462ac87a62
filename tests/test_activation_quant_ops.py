"""LOGISTIC, TANH, QUANTIZE and DEQUANTIZE against the oracle on models built here."""
import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle, shared_model
from tflm_host.builder import ModelBuilder

SHAPE = [2, 3, 5, 7]
INT_RANGES = {"INT8": np.int8, "UINT8": np.uint8, "INT16": np.int16, "INT32": np.int32}


def _unary_model(op: str, in_type: str, out_type: str, in_quant=None, out_quant=None,
                 shape=SHAPE, out_shape=None) -> bytes:
    b = ModelBuilder()
    x = b.add_input("x", shape, in_type, **(in_quant or {}))
    y = b.add_tensor("y", out_shape or shape, out_type, **(out_quant or {}))
    b.add_operator(op, [x], [y])
    b.add_output(y)
    return b.build()


def _q(scale, zero_point):
    return {"scale": scale, "zero_point": zero_point}


def _every_int8(shape=(1, 256)):
    return [np.arange(-128, 128, dtype=np.int8).reshape(shape)]


def _floats_with_extremes(rng, shape, spread):
    x = rng.normal(0.0, spread, size=shape).astype(np.float32).ravel()
    special = [0.0, -0.0, 1e-30, -1e-30, 9.0, -9.0, 16.619047, 16.62, 40.0, -40.0, -100.0, 1e30,
               -1e30, np.inf, -np.inf, np.finfo(np.float32).max, np.finfo(np.float32).min]
    x[:len(special)] = special
    return [x.reshape(shape)]


# -- LOGISTIC / TANH ----------------------------------------------------------------------------

@pytest.mark.parametrize("op", ["LOGISTIC", "TANH"])
@pytest.mark.parametrize("spread", [1.0, 5.0, 30.0])
def test_activation_float(op, spread):
    model = _unary_model(op, "FLOAT32", "FLOAT32")
    assert_matches_oracle(model, _floats_with_extremes(np.random.default_rng(1), SHAPE, spread))


# Input scales from tiny (every input in the linear region) to huge (every input saturates,
# radius 0 and 1), zero points at both ends of int8.
INPUT_QUANT = [(0.1, 0), (0.05, -3), (1 / 16, 127), (0.02, -128), (0.5, 10), (2.0, -128),
               (1e-4, 5), (1e-7, 0), (7.5, 0), (15.9, 0), (16.0, 3), (1000.0, -1),
               (0.03877529, -2)]  # the last: dtln_noise_suppression's LOGISTIC


@pytest.mark.parametrize("scale,zero_point", INPUT_QUANT)
def test_logistic_int8_every_input(scale, zero_point):
    model = _unary_model("LOGISTIC", "INT8", "INT8", _q(scale, zero_point), _q(1 / 256, -128),
                         shape=[1, 256])
    assert_matches_oracle(model, _every_int8())


@pytest.mark.parametrize("scale,zero_point", INPUT_QUANT)
def test_tanh_int8_every_input(scale, zero_point):
    model = _unary_model("TANH", "INT8", "INT8", _q(scale, zero_point), _q(1 / 128, 0),
                         shape=[1, 256])
    assert_matches_oracle(model, _every_int8())


@pytest.mark.parametrize("op", ["LOGISTIC", "TANH"])
def test_activation_int8_random_4d(op):
    out_zp = -128 if op == "LOGISTIC" else 0
    model = _unary_model(op, "INT8", "INT8", _q(0.037, -7), _q(1 / 256, out_zp))
    assert_matches_oracle(model, invokes=2)


def test_tanh_int8_ignores_output_quantization():
    # TFLM writes tanh in 1/128 units whatever the output tensor declares.
    model = _unary_model("TANH", "INT8", "INT8", _q(0.05, 0), _q(0.3, 17), shape=[1, 256])
    assert_matches_oracle(model, _every_int8())


def test_logistic_int8_rejects_output_zero_point():
    model = _unary_model("LOGISTIC", "INT8", "INT8", _q(0.1, 0), _q(1 / 256, 0))
    with pytest.raises(tflm_host.PrepareError, match="zero point must be -128"):
        tflm_host.Interpreter(model)


# -- LOGISTIC / TANH int16 -----------------------------------------------------------------------

def _every_int16():
    return [np.arange(-32768, 32768, dtype=np.int16).reshape(1, 65536)]


# Power-of-two scales take TFLM's exact path (2^-12; TANH also 2^-11), the others a 15-bit
# multiplier: tiny scales (every input linear), scales that saturate, a scale just off 2^-12.
INT16_INPUT_SCALES = [2.0 ** -12, 2.0 ** -11, 2.0 ** -10, 2.0 ** -15, 1e-3, 3.0517578e-05,
                      0.000244140625 * 1.002, 7e-6, 0.01, 0.5, 2.0, 5.0]


@pytest.mark.parametrize("op", ["LOGISTIC", "TANH"])
@pytest.mark.parametrize("scale", INT16_INPUT_SCALES)
def test_activation_int16_every_input(op, scale):
    model = _unary_model(op, "INT16", "INT16", _q(scale, 0), _q(2.0 ** -15, 0), shape=[1, 65536])
    assert_matches_oracle(model, _every_int16())


@pytest.mark.parametrize("op", ["LOGISTIC", "TANH"])
@pytest.mark.parametrize("in_q,out_q,match", [
    ((2.0 ** -12, 3), (2.0 ** -15, 0), "zero points must be 0"),
    ((2.0 ** -12, 0), (2.0 ** -15, -1), "zero points must be 0"),
    ((2.0 ** -12, 0), (2.0 ** -14, 0), "output scale must be 2\\^-15"),
    ((2.0 ** -12, 0), (1 / 30000, 0), "output scale must be 2\\^-15"),
    ((100.0, 0), (2.0 ** -15, 0), "too large")])
def test_activation_int16_rejects_what_tflm_rejects(op, in_q, out_q, match):
    model = _unary_model(op, "INT16", "INT16", _q(*in_q), _q(*out_q))
    with pytest.raises(tflm_host.PrepareError, match=match):
        tflm_host.Interpreter(model)


# TFLM's sigmoid_table_uint16 (tensorflow/lite/kernels/internal/reference/integer_ops/
# logistic.h and tanh.h): the generated table must equal it entry for entry.
TFLM_SIGMOID_TABLE_Q16 = [
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794,
    41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443,
    48964, 49475, 49975, 50464, 50942, 51409, 51865, 52311, 52745, 53169, 53581, 53983, 54374,
    54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433, 57724, 58007, 58280, 58544,
    58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110, 61279,
    61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990,
    63090, 63186, 63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968, 64030,
    64090, 64148, 64204, 64257, 64308, 64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652,
    64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900, 64926, 64950, 64974, 64997, 65019,
    65039, 65060, 65079, 65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234,
    65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360,
    65367, 65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433,
    65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476,
    65479, 65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498, 65500, 65501,
    65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513, 65514, 65515, 65516,
    65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
    65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529,
    65529, 65530, 65530, 65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532,
    65532, 65532, 65532, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65534, 65534,
    65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535]


def test_generated_sigmoid_table_is_tflms():
    from tflm_host import _core
    assert _core.sigmoid_table_q16() == TFLM_SIGMOID_TABLE_Q16


@pytest.mark.parametrize("op", ["LOGISTIC", "TANH"])
def test_activation_rejects_mixed_types(op):
    model = _unary_model(op, "FLOAT32", "INT8", out_quant=_q(1 / 256, -128))
    with pytest.raises(tflm_host.PrepareError, match="output must be FLOAT32"):
        tflm_host.Interpreter(model)


@pytest.mark.parametrize("op", ["LOGISTIC", "TANH", "QUANTIZE", "DEQUANTIZE"])
def test_rejects_output_of_another_size(op):
    in_type, out_type = {"QUANTIZE": ("FLOAT32", "INT8"), "DEQUANTIZE": ("INT8", "FLOAT32")}.get(
        op, ("FLOAT32", "FLOAT32"))
    quant = _q(0.1, 0)
    model = _unary_model(op, in_type, out_type, quant if in_type != "FLOAT32" else None,
                         quant if out_type != "FLOAT32" else None, out_shape=[2, 3, 5, 6])
    with pytest.raises(tflm_host.PrepareError, match="elements"):
        tflm_host.Interpreter(model)


# -- QUANTIZE -----------------------------------------------------------------------------------

@pytest.mark.parametrize("out_type", ["INT8", "INT16"])
@pytest.mark.parametrize("scale,zero_point", [(0.05, 0), (0.013, -128), (0.2, 127), (1e-3, 100),
                                              (3.0, -3)])
def test_quantize_float(out_type, scale, zero_point):
    model = _unary_model("QUANTIZE", "FLOAT32", out_type, out_quant=_q(scale, zero_point))
    x = _floats_with_extremes(np.random.default_rng(2), SHAPE, 4.0)[0]
    # Exact halves exercise the rounding direction; NaN goes to INT32_MIN before the zero point.
    x.ravel()[20:26] = np.array([0.5, -0.5, 1.5, -1.5, 2.5, np.nan], np.float32) * scale
    assert_matches_oracle(model, [x])


# (input type, input quant, output type, output quant): every integer pair TFLM's QUANTIZE runs,
# with scale ratios above and below one, equal scales, and extreme zero points.
REQUANTIZE_CASES = [
    ("INT8", (0.05, 3), "INT8", (0.1, -2)),
    ("INT8", (0.1, -128), "INT8", (0.025, 127)),
    ("INT8", (0.1, 5), "INT8", (0.1, 5)),
    ("INT8", (0.1, 0), "INT8", (100.0, 0)),
    ("INT8", (0.07, -128), "UINT8", (0.07, 0)),
    ("INT8", (0.05, 10), "UINT8", (0.03, 200)),
    ("INT8", (0.05, -20), "INT16", (0.001, 0)),
    ("INT8", (0.05, 127), "INT32", (0.0007, -1000)),
    ("INT16", (0.001, 0), "INT8", (0.05, -128)),
    ("INT16", (1 / 4096, 0), "INT16", (1 / 32768, 0)),
    ("INT16", (0.003, 5), "INT32", (0.0001, 0)),
    ("INT16", (0.000625, 0), "INT8", (0.05920833, -128)),          # keyword_scrambled's pair
    ("INT16", (1.5259022e-05, -32768), "INT32", (3.051851e-05, 0)),
    ("INT32", (0.0004, 0), "INT8", (0.1, 127)),
    ("INT32", (1e-6, 7), "INT16", (0.001, -3)),
    ("INT32", (3.0, 0), "INT16", (0.5, 0)),
    ("UINT8", (0.02, 128), "INT8", (0.02, 0)),
    ("UINT8", (0.02, 0), "INT8", (0.05, -128)),
]


@pytest.mark.parametrize("in_type,in_q,out_type,out_q", REQUANTIZE_CASES)
def test_requantize(in_type, in_q, out_type, out_q):
    model = _unary_model("QUANTIZE", in_type, out_type, _q(*in_q), _q(*out_q))
    info = np.iinfo(INT_RANGES[in_type])
    x = np.random.default_rng(3).integers(info.min, info.max, size=SHAPE, endpoint=True)
    x.ravel()[:2] = [info.min, info.max]
    assert_matches_oracle(model, [x.astype(INT_RANGES[in_type])])


@pytest.mark.parametrize("index,in_type,out_type", [(0, "int32", "int16"), (1, "int16", "int32")])
def test_quantize_seanet_integration(index, in_type, out_type):
    # TFLM's own per-layer test: a 16x8 model's QUANTIZE with its input and golden output.
    folder = "integration_tests/seanet/quantize"
    model = shared_model(f"{folder}/quantize{index}.tflite").read_bytes()
    x = np.loadtxt(shared_model(f"{folder}/quantize{index}_input0_{in_type}.csv"), delimiter=",")
    golden = np.loadtxt(shared_model(f"{folder}/quantize{index}_golden_{out_type}.csv"),
                        delimiter=",")
    interp = tflm_host.Interpreter(model)
    details = interp.get_input_details(0)
    x = x.astype(details["dtype"]).reshape(details["shape"])
    interp.set_input(x, 0)
    interp.invoke()
    np.testing.assert_array_equal(interp.get_output(0).ravel(), golden.astype(np.int64))
    assert_matches_oracle(model, [x])


def test_quantize_rejects_per_channel_output():
    model = _unary_model("QUANTIZE", "FLOAT32", "INT8", shape=[1, 3],
                         out_quant={"scale": [0.1, 0.2, 0.3], "zero_point": [0, 0, 0], "axis": 1})
    with pytest.raises(tflm_host.PrepareError, match="one \\(per-tensor\\) scale"):
        tflm_host.Interpreter(model)


@pytest.mark.parametrize("in_type,out_type", [("FLOAT32", "UINT8"), ("FLOAT32", "INT32"),
                                              ("INT32", "INT32"), ("UINT8", "INT16")])
def test_quantize_rejects_unsupported_pair(in_type, out_type):
    model = _unary_model("QUANTIZE", in_type, out_type,
                         None if in_type == "FLOAT32" else _q(0.1, 0), _q(0.1, 0))
    with pytest.raises(tflm_host.PrepareError, match="is not supported"):
        tflm_host.Interpreter(model)


# -- DEQUANTIZE ---------------------------------------------------------------------------------

@pytest.mark.parametrize("in_type,scale,zero_point", [
    ("INT8", 0.05, 0), ("INT8", 0.013, -128), ("INT8", 0.2, 127), ("INT16", 1 / 32768, 0),
    ("INT16", 0.0031, -700), ("UINT8", 0.02, 128), ("UINT8", 1e-5, 255)])
def test_dequantize(in_type, scale, zero_point):
    model = _unary_model("DEQUANTIZE", in_type, "FLOAT32", _q(scale, zero_point))
    assert_matches_oracle(model, invokes=2)


def test_dequantize_rejects_int32_input():
    model = _unary_model("DEQUANTIZE", "INT32", "FLOAT32", _q(0.1, 0))
    with pytest.raises(tflm_host.UnsupportedOpError, match="DEQUANTIZE"):
        tflm_host.Interpreter(model)


def test_dequantize_rejects_integer_output():
    model = _unary_model("DEQUANTIZE", "INT8", "INT16", _q(0.1, 0), _q(0.1, 0))
    with pytest.raises(tflm_host.PrepareError, match="output must be FLOAT32"):
        tflm_host.Interpreter(model)


def _scale_sweep(seed, count=24):
    rng = np.random.default_rng(seed)
    scales = np.exp(rng.uniform(np.log(1e-4), np.log(16.0), count))
    return list(zip(scales.tolist(), rng.integers(-128, 128, count).tolist()))


@pytest.mark.parametrize("op", ["LOGISTIC", "TANH"])
def test_activation_int8_scale_sweep(op):
    # Many scales put many fixed-point results next to an int8 rounding boundary.
    out_q = _q(1 / 256, -128) if op == "LOGISTIC" else _q(1 / 128, 0)
    for scale, zero_point in _scale_sweep(7 if op == "TANH" else 8):
        model = _unary_model(op, "INT8", "INT8", _q(scale, zero_point), out_q, shape=[1, 256])
        assert_matches_oracle(model, _every_int8())


@pytest.mark.parametrize("op", ["LOGISTIC", "TANH"])
@pytest.mark.parametrize("scale", [1e-9, 1e11])
def test_activation_int8_rejects_scales_tflm_cannot_rescale(op, scale):
    out_q = _q(1 / 256, -128) if op == "LOGISTIC" else _q(1 / 128, 0)
    model = _unary_model(op, "INT8", "INT8", _q(scale, 0), out_q)
    with pytest.raises(tflm_host.PrepareError, match="outside the range"):
        tflm_host.Interpreter(model)


# -- LEAKY_RELU ---------------------------------------------------------------------------------

ALPHAS = [0.3, 0.01, 1.0, 2.5, -0.4, 0.0]


@pytest.mark.parametrize("alpha", ALPHAS)
def test_leaky_relu_float(alpha):
    b = ModelBuilder()
    x = b.add_input("x", SHAPE, "FLOAT32")
    y = b.add_tensor("y", SHAPE, "FLOAT32")
    b.add_operator("LEAKY_RELU", [x], [y], alpha=alpha)
    b.add_output(y)
    assert_matches_oracle(b.build(), _floats_with_extremes(np.random.default_rng(3), SHAPE, 3.0))


def _leaky_relu_model(dtype, alpha, in_q, out_q, shape=SHAPE):
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **_q(*in_q))
    y = b.add_tensor("y", shape, dtype, **_q(*out_q))
    b.add_operator("LEAKY_RELU", [x], [y], alpha=alpha)
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("alpha", ALPHAS)
@pytest.mark.parametrize("in_q,out_q", [((0.05, -3), (0.03, 7)), ((0.02, 127), (0.1, -128)),
                                        ((0.1, 0), (0.1, 0)), ((0.004, -100), (0.2, 20))])
def test_leaky_relu_int8_every_input(alpha, in_q, out_q):
    model = _leaky_relu_model("INT8", alpha, in_q, out_q, shape=[1, 256])
    assert_matches_oracle(model, _every_int8())


@pytest.mark.parametrize("alpha", ALPHAS)
@pytest.mark.parametrize("in_q,out_q", [((0.0142143, 0), (0.00595885, 0)),
                                        ((1 / 4096, 0), (1 / 8192, 0)), ((0.001, 13), (0.003, -9))])
def test_leaky_relu_int16(alpha, in_q, out_q):
    every = [np.arange(-32768, 32768, dtype=np.int16).reshape(1, 65536)]
    assert_matches_oracle(_leaky_relu_model("INT16", alpha, in_q, out_q, shape=[1, 65536]), every)


def test_leaky_relu_rejects_mixed_types():
    with pytest.raises(tflm_host.PrepareError, match="output must be INT8"):
        tflm_host.Interpreter(_mixed_leaky_relu())


def _mixed_leaky_relu():
    b = ModelBuilder()
    x = b.add_input("x", SHAPE, "INT8", **_q(0.1, 0))
    y = b.add_tensor("y", SHAPE, "INT16", **_q(0.1, 0))
    b.add_operator("LEAKY_RELU", [x], [y], alpha=0.2)
    b.add_output(y)
    return b.build()


# -- HARD_SWISH ---------------------------------------------------------------------------------

@pytest.mark.parametrize("spread", [1.0, 3.0, 10.0])
def test_hard_swish_float(spread):
    model = _unary_model("HARD_SWISH", "FLOAT32", "FLOAT32")
    assert_matches_oracle(model, _floats_with_extremes(np.random.default_rng(5), SHAPE, spread))


# From ramps far narrower than [-3, 3] to far wider (left and right shifts of the ramp
# multiplier), zero points at both ends, output scales from tight to loose.
HARD_SWISH_QUANT = [((0.05, -3), (0.03, 7)), ((0.1, 0), (0.1, 0)), ((0.02, 127), (0.01, -128)),
                    ((0.2, -128), (0.15, -100)), ((1e-3, 5), (1e-3, 0)), ((1.5, 10), (0.5, -20)),
                    ((0.0235, -128), (0.0201, -116)), ((4.0, 0), (0.04, 0)), ((5e-5, 0), (1e-5, 0))]


@pytest.mark.parametrize("in_q,out_q", HARD_SWISH_QUANT)
def test_hard_swish_int8_every_input(in_q, out_q):
    model = _unary_model("HARD_SWISH", "INT8", "INT8", _q(*in_q), _q(*out_q), shape=[1, 256])
    assert_matches_oracle(model, _every_int8())


def test_hard_swish_int8_rejects_input_scale_128_times_the_output():
    model = _unary_model("HARD_SWISH", "INT8", "INT8", _q(2.0, 0), _q(0.01, 0))
    with pytest.raises(tflm_host.PrepareError, match="too large"):
        tflm_host.Interpreter(model)


# -- PRELU --------------------------------------------------------------------------------------

def _prelu_model(dtype, x_shape, alpha_shape, alpha, in_q=None, alpha_q=None, out_q=None):
    out_shape = list(np.broadcast_shapes(tuple(x_shape), tuple(alpha_shape)))
    b = ModelBuilder()
    x = b.add_input("x", x_shape, dtype, **(_q(*in_q) if in_q else {}))
    alpha_dtype = "INT8" if dtype == "INT16" else dtype  # 16x8: int8 alphas
    a = b.add_constant("alpha", alpha, alpha_dtype, **(_q(*alpha_q) if alpha_q else {}))
    y = b.add_tensor("y", out_shape, dtype, **(_q(*out_q) if out_q else {}))
    b.add_operator("PRELU", [x, a], [y])
    b.add_output(y)
    return b.build()


PRELU_SHAPES = [([2, 3, 4, 5], [5]), ([2, 3, 4, 5], [1, 1, 5]), ([2, 3, 4, 5], [4, 1]),
                ([2, 3, 4, 5], [2, 3, 4, 5]), ([3, 4, 5], [1]), ([1, 1, 5], [4, 1, 1]),
                ([7], [7])]


@pytest.mark.parametrize("x_shape,alpha_shape", PRELU_SHAPES)
def test_prelu_float(x_shape, alpha_shape):
    rng = np.random.default_rng(7)
    alpha = rng.uniform(-1.5, 1.5, alpha_shape).astype(np.float32)
    model = _prelu_model("FLOAT32", x_shape, alpha_shape, alpha)
    assert_matches_oracle(model, invokes=2)


@pytest.mark.parametrize("x_shape,alpha_shape", PRELU_SHAPES)
@pytest.mark.parametrize("in_q,alpha_q,out_q", [((0.05, -3), (0.01, 4), (0.04, 9)),
                                                ((0.1, 127), (0.02, -128), (0.3, -128)),
                                                ((0.01, 0), (0.004, 0), (0.5, 0))])
def test_prelu_int8(x_shape, alpha_shape, in_q, alpha_q, out_q):
    rng = np.random.default_rng(8)
    alpha = rng.integers(-128, 128, alpha_shape).astype(np.int8)
    model = _prelu_model("INT8", x_shape, alpha_shape, alpha, in_q, alpha_q, out_q)
    assert_matches_oracle(model, invokes=2)


@pytest.mark.parametrize("x_shape,alpha_shape", PRELU_SHAPES)
@pytest.mark.parametrize("in_q,alpha_q,out_q", [((0.001, 0), (0.01, 4), (0.002, 0)),
                                                ((0.0005, 300), (0.02, -128), (0.003, -70)),
                                                ((1 / 32768, 0), (1 / 128, 0), (1 / 32768, 0))])
def test_prelu_int16(x_shape, alpha_shape, in_q, alpha_q, out_q):
    rng = np.random.default_rng(9)
    alpha = rng.integers(-128, 128, alpha_shape).astype(np.int8)
    model = _prelu_model("INT16", x_shape, alpha_shape, alpha, in_q, alpha_q, out_q)
    assert_matches_oracle(model, invokes=2)


def test_prelu_int16_rejects_int16_alpha():
    b = ModelBuilder()
    x = b.add_input("x", [4], "INT16", **_q(0.001, 0))
    a = b.add_constant("alpha", np.ones(4, np.int16), "INT16", **_q(0.01, 0))
    y = b.add_tensor("y", [4], "INT16", **_q(0.001, 0))
    b.add_operator("PRELU", [x, a], [y])
    b.add_output(y)
    with pytest.raises(tflm_host.PrepareError, match="alpha must be INT8"):
        tflm_host.Interpreter(b.build())


def test_prelu_rejects_rank_5():
    model = _prelu_model("FLOAT32", [1, 2, 2, 2, 3], [3], np.ones(3, np.float32))
    with pytest.raises(tflm_host.PrepareError, match="at most 4 dimensions"):
        tflm_host.Interpreter(model)
