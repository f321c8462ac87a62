"""AVERAGE_POOL_2D, MAX_POOL_2D, SOFTMAX, RELU and RELU6 against the oracle on models built
here, plus the Prepare checks that must raise instead of aborting."""
import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle, shared_model
from tflm_host.builder import ModelBuilder

QUANT = {"FLOAT32": {}, "INT8": {"scale": 0.05, "zero_point": -3},
         "INT16": {"scale": 0.002, "zero_point": 0}}


def _single_op_model(op, input_shape, output_shape, in_type, in_quant, out_type=None,
                     out_quant=None, **options):
    b = ModelBuilder()
    x = b.add_input("x", input_shape, in_type, **in_quant)
    y = b.add_tensor("y", output_shape, out_type or in_type,
                     **(in_quant if out_quant is None else out_quant))
    b.add_operator(op, [x], [y], **options)
    b.add_output(y)
    return b.build()


def _random(shape, dtype, rng, low=-8.0, high=8.0):
    if dtype == "FLOAT32":
        return rng.uniform(low, high, size=shape).astype(np.float32)
    info = np.iinfo(np.int8 if dtype == "INT8" else np.int16)
    return rng.integers(info.min, info.max, size=shape, endpoint=True).astype(info.dtype)


# -- pooling -------------------------------------------------------------------------------
def _pooled(size, filt, stride, padding):
    return -(-size // stride) if padding == "SAME" else (size - filt) // stride + 1


def _pool_model(op, dtype, in_hw, filt, stride, padding, activation, quant=None, channels=3):
    (h, w), (fh, fw), (sh, sw) = in_hw, filt, stride
    out = [2, _pooled(h, fh, sh, padding), _pooled(w, fw, sw, padding), channels]
    return _single_op_model(op, [2, h, w, channels], out, dtype,
                            QUANT[dtype] if quant is None else quant, padding=padding,
                            stride_h=sh, stride_w=sw, filter_height=fh, filter_width=fw,
                            fused_activation_function=activation)


# (input HxW, filter, stride): square and non-square, windows overlapping, tiling and
# skipping cells, a filter wider than the input (SAME only), global pooling.
POOL_GEOMETRIES = [((9, 9), (3, 3), (2, 2)), ((8, 7), (2, 3), (1, 2)),
                   ((6, 10), (2, 2), (3, 3)), ((5, 5), (5, 5), (1, 1)),
                   ((7, 4), (1, 1), (2, 1))]


@pytest.mark.parametrize("op", ["AVERAGE_POOL_2D", "MAX_POOL_2D"])
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
@pytest.mark.parametrize("padding", ["SAME", "VALID"])
@pytest.mark.parametrize("geometry", POOL_GEOMETRIES)
def test_pool_geometries_match_oracle(op, dtype, padding, geometry):
    in_hw, filt, stride = geometry
    assert_matches_oracle(_pool_model(op, dtype, in_hw, filt, stride, padding, "NONE"),
                          invokes=2)


@pytest.mark.parametrize("op", ["AVERAGE_POOL_2D", "MAX_POOL_2D"])
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
@pytest.mark.parametrize("activation", ["RELU", "RELU6", "RELU_N1_TO_1"])
def test_pool_fused_activations_match_oracle(op, dtype, activation):
    # A small scale so that 6.0 and +-1.0 fall inside the integer range and really clamp.
    quant = {"FLOAT32": {}, "INT8": {"scale": 0.03, "zero_point": 5},
             "INT16": {"scale": 0.0004, "zero_point": 0}}[dtype]
    model = _pool_model(op, dtype, (6, 6), (2, 2), (2, 2), "SAME", activation, quant)
    assert_matches_oracle(model, [_random([2, 6, 6, 3], dtype, np.random.default_rng(1))])


@pytest.mark.parametrize("op", ["AVERAGE_POOL_2D", "MAX_POOL_2D"])
@pytest.mark.parametrize("zero_point", [-128, 127])
@pytest.mark.parametrize("activation", ["NONE", "RELU6"])
def test_pool_extreme_zero_points_match_oracle(op, zero_point, activation):
    model = _pool_model(op, "INT8", (7, 7), (3, 3), (2, 2), "SAME", activation,
                        {"scale": 0.1, "zero_point": zero_point})
    assert_matches_oracle(model, invokes=3)


def test_average_pool_rounds_negative_means_like_tflm():
    # Windows of two cells whose sums are odd: the mean rounds half away from zero.
    model = _pool_model("AVERAGE_POOL_2D", "INT8", (1, 8), (1, 2), (1, 2), "VALID", "NONE",
                        {"scale": 1.0, "zero_point": 0}, channels=1)
    x = np.array([-3, 0, -5, 2, 3, 0, 127, 126, -128, -127, -1, 0, 1, 0, -2, -1],
                 np.int8).reshape(2, 1, 8, 1)
    assert_matches_oracle(model, [x])


@pytest.mark.parametrize("change,message", [
    ({"out_hw": (4, 4)}, "does not match the pooled shape"),
    ({"out_scale": 0.06}, "input scale .* and output scale .* differ"),
    ({"out_zero_point": 0}, "zero point .* differ"),
    ({"stride": 0}, "strides must be positive"),
    ({"filter": 0}, "filter size must be positive"),
    ({"out_type": "INT16"}, "output must be INT8"),
])
def test_pool_rejects_invalid_models(change, message):
    out_hw = change.get("out_hw", (3, 3))
    out_quant = {"scale": change.get("out_scale", 0.05),
                 "zero_point": change.get("out_zero_point", -3)}
    stride, filt = change.get("stride", 2), change.get("filter", 2)
    model = _single_op_model("MAX_POOL_2D", [1, 6, 6, 2], [1, *out_hw, 2], "INT8",
                             QUANT["INT8"], change.get("out_type", "INT8"), out_quant,
                             padding="SAME", stride_h=stride, stride_w=stride,
                             filter_height=filt, filter_width=filt)
    with pytest.raises(tflm_host.PrepareError, match=message):
        tflm_host.Interpreter(model)


# -- softmax -------------------------------------------------------------------------------
INT8_SOFTMAX_OUT = {"INT8": {"scale": 1.0 / 256, "zero_point": -128},
                    "INT16": {"scale": 1.0 / 65536, "zero_point": -32768}}


def _softmax_model(shape, in_type, beta, in_quant=None, out_type=None, out_quant=None):
    out_type = out_type or in_type
    if out_quant is None:
        out_quant = INT8_SOFTMAX_OUT.get(out_type, {}) if in_type != "FLOAT32" else {}
    return _single_op_model("SOFTMAX", shape, shape, in_type, in_quant or {}, out_type,
                            out_quant, beta=beta)


@pytest.mark.parametrize("shape", [[1, 10], [2, 3, 7], [5], [4, 1]])
@pytest.mark.parametrize("beta", [1.0, 0.37, 2.5])
def test_softmax_float_matches_oracle(shape, beta):
    rng = np.random.default_rng(len(shape))
    assert_matches_oracle(_softmax_model(shape, "FLOAT32", beta),
                          [_random(shape, "FLOAT32", rng)])


@pytest.mark.parametrize("out_type", ["INT8", "INT16"])
@pytest.mark.parametrize("in_quant,beta", [
    ({"scale": 0.1, "zero_point": 0}, 1.0),
    ({"scale": 0.0390625, "zero_point": -128}, 1.0),
    ({"scale": 0.25, "zero_point": 127}, 0.5),
    ({"scale": 0.003, "zero_point": 10}, 1.0),      # nearly flat: tiny differences
    ({"scale": 1.5, "zero_point": 0}, 3.0),         # steep: the multiplier saturates
    ({"scale": 0.06, "zero_point": 4}, 1e-5),       # just above TFLM's lower limit
])
@pytest.mark.parametrize("shape", [[3, 12], [1, 1], [2, 2, 300]])
def test_softmax_int8_matches_oracle(out_type, in_quant, beta, shape):
    model = _softmax_model(shape, "INT8", beta, in_quant, out_type)
    assert_matches_oracle(model, invokes=2, seed=shape[-1])


@pytest.mark.parametrize("out_type", ["INT8", "INT16"])
def test_softmax_int8_ties_and_extremes_match_oracle(out_type):
    rows = np.array([[127] * 8, [-128] * 8, [127] + [-128] * 7, [0, 0, 1, 1, -1, -1, 127, 126],
                     [5, 5, 5, 5, -128, -128, -128, 4]], np.int8)
    model = _softmax_model([5, 8], "INT8", 1.0, {"scale": 0.08, "zero_point": -7}, out_type)
    assert_matches_oracle(model, [rows])


@pytest.mark.parametrize("out_type", ["INT8", "INT16"])
@pytest.mark.parametrize("scale,beta", [(0.1, 1.0), (0.02, 0.8), (0.5, 1.0), (0.004, 2.0)])
def test_softmax_int8_every_difference_matches_oracle(out_type, scale, beta):
    # Rows holding all 256 int8 values: every input difference goes through the exp path.
    rng = np.random.default_rng(3)
    rows = np.stack([rng.permutation(256) - 128 for _ in range(3)]).astype(np.int8)
    model = _softmax_model([3, 256], "INT8", beta, {"scale": scale, "zero_point": 0}, out_type)
    assert_matches_oracle(model, [rows])


@pytest.mark.parametrize("scale,beta", [(1.0 / 32768, 1.0), (0.001, 1.0), (0.0003, 0.7),
                                        (0.01, 2.0)])
@pytest.mark.parametrize("shape", [[2, 10], [1, 1], [3, 2, 200]])
def test_softmax_int16_matches_oracle(scale, beta, shape):
    out_quant = {"scale": 1.0 / 32768, "zero_point": 0}
    model = _softmax_model(shape, "INT16", beta, {"scale": scale, "zero_point": 0}, "INT16",
                           out_quant)
    assert_matches_oracle(model, invokes=2, seed=shape[-1])


def test_softmax_int8_large_uniform_row_raises_instead_of_aborting():
    # 600 equal values: the sum of exponentials needs more headroom than the int8 output
    # path allows; TFLM aborts the process, we raise.
    interp = tflm_host.Interpreter(_softmax_model([1, 600], "INT8", 1.0,
                                                  {"scale": 0.1, "zero_point": 0}))
    interp.set_input(np.zeros((1, 600), np.int8), 0)
    with pytest.raises(tflm_host.InvokeError, match="sum of exponentials"):
        interp.invoke()


@pytest.mark.parametrize("out_type,out_quant,message", [
    ("INT8", {"scale": 1.0 / 255, "zero_point": -128}, "scale must be exactly 1/256"),
    ("INT8", {"scale": 1.0 / 256, "zero_point": 0}, "zero point must be -128"),
    ("INT16", {"scale": 1.0 / 32768, "zero_point": -32768}, "scale must be 1/65536"),
    ("INT16", {"scale": 1.0 / 65536, "zero_point": 0}, "zero point must be -32768"),
    ("FLOAT32", {}, "output must be INT8"),
    ("INT16-INT8", {"scale": 1.0 / 256, "zero_point": -128}, "output must be INT16"),
    ("INT16-INT16", {"scale": 1.0 / 65536, "zero_point": 0}, "scale must be 1/32768"),
    ("INT16-INT16", {"scale": 1.0 / 32768, "zero_point": 5}, "zero points must be 0"),
])
def test_softmax_rejects_invalid_output_quantization(out_type, out_quant, message):
    in_type = "INT8"
    if "-" in out_type:
        in_type, out_type = out_type.split("-")
    model = _softmax_model([1, 4], in_type, 1.0, {"scale": 0.1, "zero_point": 0}, out_type,
                           out_quant)
    with pytest.raises(tflm_host.PrepareError, match=message):
        tflm_host.Interpreter(model)


@pytest.mark.parametrize("beta", [0.0, -1.0, 1e-7])
def test_softmax_rejects_beta_too_small_for_int8(beta):
    model = _softmax_model([1, 4], "INT8", beta, {"scale": 0.1, "zero_point": 0})
    with pytest.raises(tflm_host.PrepareError, match="too small"):
        tflm_host.Interpreter(model)


def test_softmax_rejects_shape_mismatch():
    b = ModelBuilder()
    x = b.add_input("x", [2, 4], "FLOAT32")
    y = b.add_tensor("y", [2, 5], "FLOAT32")
    b.add_operator("SOFTMAX", [x], [y], beta=1.0)
    b.add_output(y)
    with pytest.raises(tflm_host.PrepareError, match="output shape differs"):
        tflm_host.Interpreter(b.build())


# -- relu / relu6 ----------------------------------------------------------------------------
@pytest.mark.parametrize("op", ["RELU", "RELU6"])
@pytest.mark.parametrize("dtype,in_quant,out_quant", [
    ("FLOAT32", {}, {}),
    ("INT8", {"scale": 0.05, "zero_point": -3}, {"scale": 0.05, "zero_point": -3}),
    ("INT8", {"scale": 0.05, "zero_point": 10}, {"scale": 0.031, "zero_point": -100}),
    ("INT8", {"scale": 0.02, "zero_point": -128}, {"scale": 0.09, "zero_point": 127}),
    ("INT8", {"scale": 0.1, "zero_point": 127}, {"scale": 0.01, "zero_point": -128}),
    ("INT16", {"scale": 0.0005, "zero_point": 0}, {"scale": 0.0003, "zero_point": 0}),
])
def test_relu_matches_oracle(op, dtype, in_quant, out_quant):
    shape = [2, 5, 3, 4]
    rng = np.random.default_rng(7)
    x = _random(shape, dtype, rng, low=-9.0, high=9.0)  # floats beyond 6 for RELU6
    if dtype == "FLOAT32":
        x.flat[:3] = [np.nan, np.inf, -np.inf]
    model = _single_op_model(op, shape, shape, dtype, in_quant, out_quant=out_quant)
    assert_matches_oracle(model, [x])


def test_relu_rejects_nonzero_int16_zero_point():
    model = _single_op_model("RELU", [4], [4], "INT16", {"scale": 0.01, "zero_point": 3})
    with pytest.raises(tflm_host.PrepareError, match="int16 zero points must be 0"):
        tflm_host.Interpreter(model)


@pytest.mark.parametrize("op", ["RELU", "RELU6"])
def test_relu_rejects_mismatched_output(op):
    model = _single_op_model(op, [2, 3], [3, 2], "FLOAT32", {})
    with pytest.raises(tflm_host.PrepareError, match="output shape differs"):
        tflm_host.Interpreter(model)
    model = _single_op_model(op, [4], [4], "INT8", {"scale": 0.1, "zero_point": 0}, "INT16",
                             {"scale": 0.1, "zero_point": 0})
    with pytest.raises(tflm_host.PrepareError, match="output must be INT8"):
        tflm_host.Interpreter(model)


# -- the same ops as TFLM's example models configure them -----------------------------------
def _isolate_op(model_path, op_name):
    """A one-op model holding the first `op_name` of a shared model, with its tensors' shapes,
    types and quantization."""
    graph = tflm_host.load_model(model_path).main
    op = next(o for o in graph.operators if o.op_name == op_name)
    b = ModelBuilder()

    def tensor(index, add):
        t = graph.tensors[index]
        quant = {}
        if t.quantization is not None:
            quant = {"scale": t.quantization.scales.tolist(),
                     "zero_point": t.quantization.zero_points.tolist(),
                     "axis": t.quantization.axis}
        return add(t.name or f"t{index}", list(t.shape), t.dtype, **quant)

    x = tensor(op.inputs[0], b.add_input)
    y = tensor(op.outputs[0], b.add_tensor)
    b.add_operator(op_name, [x], [y], **dict(op.options))
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("model,op", [
    ("person_detection/person_detect.tflite", "AVERAGE_POOL_2D"),
    ("person_detection/person_detect.tflite", "SOFTMAX"),
    ("micro_speech/micro_speech_quantized.tflite", "SOFTMAX"),
    ("keyword/keyword_scrambled.tflite", "SOFTMAX"),          # int8 -> int16
    ("mnist_lstm/trained_lstm_int8.tflite", "SOFTMAX"),
])
def test_ops_configured_as_in_tflm_example_models(model, op):
    assert_matches_oracle(_isolate_op(shared_model(model), op), invokes=5)
