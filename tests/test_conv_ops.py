"""CONV_2D and DEPTHWISE_CONV_2D against the oracle, on models built here and on the single
conv layers of the shared person_detect and mobilenet_v2 models."""
import numpy as np
import pytest

import tflm_host
from oracle import (assert_matches_oracle, assert_same_outputs, random_inputs, run_host,
                    run_oracle, shared_model)
from tflm_host.builder import ModelBuilder

ACTIVATIONS = ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"]


def _out_size(padding, size, k, stride, dilation):
    effective = (k - 1) * dilation + 1
    return -(-size // stride) if padding == "SAME" else (size - effective) // stride + 1


def _conv_model(op, dtype="INT8", in_shape=(1, 9, 8, 4), kernel=(3, 3), out_ch=8, padding="SAME",
                stride=(1, 1), dilation=(1, 1), activation="NONE", per_channel=True,
                with_bias=True, in_zp=5, out_zp=-7, depth_multiplier=None, filter_depth=None,
                out_shape=None, bias_dtype=None, out_scale=None, filter_zp=0, seed=0):
    """One conv layer. op: CONV_2D or DEPTHWISE_CONV_2D; stride/dilation as (h, w)."""
    rng = np.random.default_rng(seed)
    n, h, w, c = in_shape
    kh, kw = kernel
    if op == "CONV_2D":
        filter_shape = (out_ch, kh, kw, filter_depth or c)
        channel_axis = 0
        options = {}
    else:
        depth_multiplier = depth_multiplier or out_ch // c
        filter_shape = (1, kh, kw, out_ch)
        channel_axis = 3
        options = {"depth_multiplier": depth_multiplier}
    if out_shape is None:
        out_shape = (n, _out_size(padding, h, kh, stride[0], dilation[0]),
                     _out_size(padding, w, kw, stride[1], dilation[1]), out_ch)
    b = ModelBuilder()
    if dtype == "FLOAT32":
        x = b.add_input("x", in_shape, dtype)
        f = b.add_constant("f", rng.normal(size=filter_shape).astype(np.float32))
        bias = b.add_constant("b", rng.normal(size=out_ch).astype(np.float32)) if with_bias else -1
        y = b.add_tensor("y", out_shape, dtype)
    else:
        in_scale = 0.05 if dtype == "INT8" else 0.0004
        zps = (in_zp, out_zp)
        x = b.add_input("x", in_shape, dtype, scale=in_scale, zero_point=zps[0])
        scales = rng.uniform(0.002, 0.02, out_ch) if per_channel else np.array([0.01])
        f = b.add_constant("f", rng.integers(-127, 128, filter_shape).astype(np.int8),
                           scale=scales, zero_point=[filter_zp] * len(scales), axis=channel_axis)
        bias = -1
        if with_bias:
            bias_np = bias_dtype or (np.int32 if dtype == "INT8" else np.int64)
            bias = b.add_constant("b", rng.integers(-20000, 20000, out_ch).astype(bias_np),
                                  scale=np.broadcast_to(scales * in_scale, out_ch),
                                  zero_point=[0] * out_ch)
        default_scale = 0.15 if dtype == "INT8" else 0.002
        y = b.add_tensor("y", out_shape, dtype, scale=out_scale or default_scale,
                         zero_point=zps[1])
    b.add_operator(op, [x, f, bias], [y], padding=padding, stride_h=stride[0], stride_w=stride[1],
                   dilation_h_factor=dilation[0], dilation_w_factor=dilation[1],
                   fused_activation_function=activation, **options)
    b.add_output(y)
    return b.build()


OPS = ["CONV_2D", "DEPTHWISE_CONV_2D"]

# (input shape, kernel, padding, stride, dilation): odd sizes make SAME pad asymmetrically;
# the 5x5 kernel overhangs a 3x3 input on every side.
GEOMETRIES = [
    ((1, 9, 8, 4), (3, 3), "SAME", (1, 1), (1, 1)),
    ((1, 9, 8, 4), (3, 3), "VALID", (1, 1), (1, 1)),
    ((2, 11, 10, 4), (4, 3), "SAME", (2, 3), (1, 1)),
    ((1, 12, 11, 4), (3, 2), "VALID", (3, 2), (1, 1)),
    ((1, 13, 12, 4), (3, 3), "SAME", (1, 2), (2, 3)),
    ((1, 13, 12, 4), (3, 2), "VALID", (2, 1), (3, 2)),
    ((1, 3, 3, 4), (5, 5), "SAME", (1, 1), (1, 1)),
    ((1, 1, 1, 4), (1, 1), "VALID", (1, 1), (1, 1)),
]


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", ["INT8", "FLOAT32"])
@pytest.mark.parametrize("geometry", GEOMETRIES, ids=lambda g: f"{g[0]}k{g[1]}{g[2]}s{g[3]}d{g[4]}")
def test_geometry_matches_oracle(op, dtype, geometry):
    in_shape, kernel, padding, stride, dilation = geometry
    model = _conv_model(op, dtype, in_shape, kernel, 8, padding, stride, dilation)
    assert_matches_oracle(model, invokes=2)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype,per_channel", [("INT8", True), ("INT8", False), ("FLOAT32", False)])
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("with_bias", [True, False])
def test_activation_and_bias_match_oracle(op, dtype, per_channel, activation, with_bias):
    model = _conv_model(op, dtype, activation=activation, per_channel=per_channel,
                        with_bias=with_bias, out_ch=8)
    if op == "DEPTHWISE_CONV_2D" and not with_bias:
        _assert_matches_oracle_with_zero_bias(model)
    else:
        assert_matches_oracle(model, invokes=2)


def _assert_matches_oracle_with_zero_bias(model):
    """TFLM's depthwise Prepare crashes without a bias (it releases the missing tensor), so a
    bias-less model is compared with the oracle running the same model with a zero bias."""
    loaded = tflm_host.load_model(model)
    op = loaded.main.operators[0]
    channels = loaded.main.tensors[op.outputs[0]].shape[-1]
    dtype = loaded.main.tensors[op.inputs[0]].dtype
    zeros = np.zeros(channels, {"FLOAT32": np.float32, "INT8": np.int32}.get(dtype, np.int64))
    with_zero_bias = _layer_model(loaded, op, bias=zeros)
    inputs = random_inputs(model, np.random.default_rng(1))
    expected = run_oracle(with_zero_bias, [inputs])
    assert_same_outputs(run_host(model, [inputs]), expected)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("in_zp,out_zp", [(-128, 127), (127, -128), (-128, -128)])
def test_extreme_zero_points(op, in_zp, out_zp):
    model = _conv_model(op, "INT8", in_zp=in_zp, out_zp=out_zp, activation="RELU6", out_ch=8)
    assert_matches_oracle(model, invokes=2)


@pytest.mark.parametrize("op", OPS)
def test_filter_zero_point_is_ignored_like_tflm(op):
    assert_matches_oracle(_conv_model(op, "INT8", filter_zp=9), invokes=2)


def test_saturating_output_scale():
    # A tiny output scale drives most accumulators past the int8 range.
    model = _conv_model("CONV_2D", "INT8", out_scale=0.001, activation="RELU")
    assert_matches_oracle(model, invokes=2)


@pytest.mark.parametrize("dtype", ["INT8", "FLOAT32"])
@pytest.mark.parametrize("multiplier,in_ch", [(1, 5), (2, 3), (3, 2), (7, 1)])
def test_depth_multiplier(dtype, multiplier, in_ch):
    model = _conv_model("DEPTHWISE_CONV_2D", dtype, in_shape=(1, 7, 6, in_ch),
                        out_ch=in_ch * multiplier, stride=(2, 2), padding="SAME")
    assert_matches_oracle(model, invokes=2)


@pytest.mark.parametrize("dtype", ["INT8", "FLOAT32"])
@pytest.mark.parametrize("filter_depth,out_ch", [(2, 6), (3, 4), (1, 6)])
def test_grouped_conv(dtype, filter_depth, out_ch):
    model = _conv_model("CONV_2D", dtype, in_shape=(1, 7, 7, 6), out_ch=out_ch,
                        filter_depth=filter_depth, stride=(2, 1))
    assert_matches_oracle(model, invokes=2)


@pytest.mark.parametrize("op,bias_dtype", [("CONV_2D", np.int64), ("CONV_2D", np.int32),
                                           ("CONV_2D", None), ("DEPTHWISE_CONV_2D", np.int64)])
@pytest.mark.parametrize("activation", ["NONE", "RELU6"])
def test_16x8_matches_oracle(op, bias_dtype, activation):
    model = _conv_model(op, "INT16", stride=(2, 1), dilation=(1, 2), activation=activation,
                        with_bias=bias_dtype is not None, bias_dtype=bias_dtype, in_zp=0, out_zp=0)
    assert_matches_oracle(model, invokes=2)


@pytest.mark.parametrize("op", OPS)
def test_16x8_ignores_zero_points_like_tflm(op):
    # TFLM's int16 kernels drop the zero points (the activation clamp still uses the output's).
    assert_matches_oracle(_conv_model(op, "INT16", in_zp=300, out_zp=-200, activation="RELU"),
                          invokes=2)


@pytest.mark.parametrize("layer", range(22))
def test_seanet_16x8_conv_golden(layer):
    """TFLM's own 16x8 conv integration tests: int64 bias, golden outputs from TFLM."""
    folder = shared_model("integration_tests/seanet/conv")
    interp = tflm_host.Interpreter(folder / f"conv{layer}.tflite")
    data = np.loadtxt(folder / f"conv{layer}_input0_int16.csv", delimiter=",", dtype=np.int16)
    golden = np.loadtxt(folder / f"conv{layer}_golden_int16.csv", delimiter=",", dtype=np.int16)
    interp.set_input(data.reshape(interp.get_input_details(0)["shape"]), 0)
    interp.invoke()
    np.testing.assert_array_equal(interp.get_output(0).ravel(), golden)


# -- the conv layers of the shared models, one model per layer -----------------------------

def _layer_model(model, op, bias=None) -> bytes:
    """The operator `op` of `model` alone, optionally with `bias` as its bias constant."""
    tensors = model.main.tensors
    b = ModelBuilder()

    def quant(t):
        q = t.quantization
        return {} if q is None else {"scale": q.scales, "zero_point": q.zero_points,
                                     "axis": q.axis}

    def add(index):
        if index < 0:
            return -1
        t = tensors[index]
        if t.is_constant:
            array = t.data.view(t.numpy_dtype).reshape(t.shape)
            return b.add_constant(t.name, array, **quant(t))
        return b.add_input(t.name, t.shape, t.dtype, **quant(t))

    inputs = [add(index) for index in op.inputs[:2]]
    if bias is not None:
        inputs.append(b.add_constant("bias", bias))
    elif len(op.inputs) > 2:
        inputs.append(add(op.inputs[2]))
    out = tensors[op.outputs[0]]
    y = b.add_tensor(out.name, out.shape, out.dtype, **quant(out))
    b.add_operator(op.op_name, inputs, [y], **dict(op.options))
    b.add_output(y)
    return b.build()


def _conv_layers(relative):
    model = tflm_host.load_model(shared_model(relative).read_bytes())
    return model, [op for op in model.main.operators if op.op_name in OPS]


def test_person_detect_layers_match_oracle():
    model, ops = _conv_layers("person_detection/person_detect.tflite")
    assert len(ops) == 28
    for op in ops:
        assert_matches_oracle(_layer_model(model, op))


def test_mobilenet_v2_layers_match_oracle():
    model, ops = _conv_layers("mobilenet_v2/mobilenet_v2_quantized_1x3x224x224.tflite")
    assert len(ops) == 52
    for op in ops:
        assert_matches_oracle(_layer_model(model, op))


# -- invalid models raise PrepareError -----------------------------------------------------

INVALID = [
    ("CONV_2D", dict(out_shape=(1, 9, 8, 8), padding="VALID"), "output is 9x8 but"),
    ("DEPTHWISE_CONV_2D", dict(out_shape=(1, 5, 4, 8)), "output is 5x4 but"),
    ("CONV_2D", dict(out_shape=(1, 9, 8, 5)), "filter has 8 output channels, output has 5"),
    ("CONV_2D", dict(out_shape=(2, 9, 8, 8)), "output batch 2 differs"),
    ("CONV_2D", dict(filter_depth=3), "filter depth 3 does not divide the input depth 4"),
    ("CONV_2D", dict(filter_depth=1, out_ch=6), "6 output channels cannot be split into 4 groups"),
    ("CONV_2D", dict(stride=(0, 1), out_shape=(1, 9, 8, 8)), "strides must be positive"),
    ("DEPTHWISE_CONV_2D", dict(dilation=(1, 0), out_shape=(1, 9, 8, 8)),
     "dilation factors must be positive"),
    ("CONV_2D", dict(in_shape=(1, 3, 3, 4), kernel=(5, 5), padding="VALID",
                     out_shape=(1, 1, 1, 8)), "does not fit the 3x3 input"),
    ("DEPTHWISE_CONV_2D", dict(depth_multiplier=1),
     "depth_multiplier 1 does not map 4 input channels to 8"),
    ("DEPTHWISE_CONV_2D", dict(out_ch=6), "depth_multiplier 1 does not map 4 input channels to 6"),
    ("CONV_2D", dict(bias_dtype=np.int64), "bias must be INT32"),
    ("DEPTHWISE_CONV_2D", dict(dtype="INT16", bias_dtype=np.int32),
     "bias of int16 activations must be INT64"),
    ("CONV_2D", dict(out_scale=1e-12, activation="RELU6"), "does not fit int32"),
]


@pytest.mark.parametrize("op,kwargs,message", INVALID, ids=[m for _, _, m in INVALID])
def test_invalid_models_raise(op, kwargs, message):
    with pytest.raises(tflm_host.PrepareError, match=message):
        tflm_host.Interpreter(_conv_model(op, **kwargs))


def _raw_conv(op, x_dtype, f_array, filter_scales=(0.1,), axis=0, **options):
    b = ModelBuilder()
    q = {} if x_dtype == "FLOAT32" else {"scale": 0.1, "zero_point": 0}
    x = b.add_input("x", [1, 4, 4, 2], x_dtype, **q)
    fq = {} if f_array.dtype == np.float32 else {"scale": list(filter_scales), "zero_point": 0,
                                                    "axis": axis}
    f = b.add_constant("f", f_array, **fq)
    y = b.add_tensor("y", [1, 4, 4, 2], x_dtype, **q)
    b.add_operator(op, [x, f, -1], [y], padding="SAME", stride_w=1, stride_h=1, **options)
    b.add_output(y)
    return b.build()


def test_rejects_hybrid_and_mismatched_quantization():
    hybrid = _raw_conv("CONV_2D", "FLOAT32", np.ones((2, 3, 3, 2), np.int8))
    with pytest.raises(tflm_host.PrepareError, match="unsupported input/filter types FLOAT32/INT8"):
        tflm_host.Interpreter(hybrid)
    three_scales = _raw_conv("CONV_2D", "INT8", np.ones((2, 3, 3, 2), np.int8), [0.1] * 3)
    with pytest.raises(tflm_host.PrepareError, match="filter has 3 scales"):
        tflm_host.Interpreter(three_scales)
    wrong_axis = _raw_conv("CONV_2D", "INT8", np.ones((2, 3, 3, 2), np.int8), [0.1] * 2, axis=1)
    with pytest.raises(tflm_host.PrepareError, match="quantized along dimension 1, not along"):
        tflm_host.Interpreter(wrong_axis)
    depthwise_4d = _raw_conv("DEPTHWISE_CONV_2D", "FLOAT32", np.ones((2, 3, 3, 2), np.float32),
                             depth_multiplier=1)
    with pytest.raises(tflm_host.PrepareError, match=r"filter must be \[1, height"):
        tflm_host.Interpreter(depthwise_4d)
