"""TRANSPOSE_CONV against the oracle on models built here: float32, int8 (per-channel and
per-tensor) and 16x8 (int64 and int16 bias), both paddings, several strides, fused
activations, with and without bias. Inputs: 0 output shape, 1 filter, 2 input, 3 bias."""
import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle
from tflm_host.builder import ModelBuilder

ACTIVATIONS = ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"]


def _transpose_size(padding, size, k, stride):
    # TensorFlow's conv2d_transpose output size (any size TFLM accepts works as well).
    return size * stride if padding == "SAME" else (size - 1) * stride + k


def _model(dtype="INT8", in_shape=(1, 5, 4, 3), kernel=(3, 3), out_ch=6, padding="SAME",
           stride=(2, 2), activation="NONE", with_bias=True, per_channel=True, bias_dtype=None,
           in_zp=3, out_zp=-5, out_hw=None, output_shape_constant=True, seed=0) -> bytes:
    rng = np.random.default_rng(seed)
    n, h, w, c = in_shape
    kh, kw = kernel
    out_hw = out_hw or (_transpose_size(padding, h, kh, stride[0]),
                        _transpose_size(padding, w, kw, stride[1]))
    out_shape = (n, *out_hw, out_ch)
    filter_shape = (out_ch, kh, kw, c)
    b = ModelBuilder()
    shape_values = np.array(out_shape, dtype=np.int32)
    if output_shape_constant:
        shape = b.add_constant("output_shape", shape_values)
    else:  # seanet feeds the shape as a runtime input
        shape = b.add_input("output_shape", [4], "INT32")
    if dtype == "FLOAT32":
        f = b.add_constant("f", rng.normal(size=filter_shape).astype(np.float32))
        x = b.add_input("x", in_shape, dtype)
        bias = b.add_constant("b", rng.normal(size=out_ch).astype(np.float32)) if with_bias else -1
        y = b.add_tensor("y", out_shape, dtype)
    else:
        in_scale = 0.05 if dtype == "INT8" else 0.0004
        if dtype == "INT16":
            in_zp = out_zp = 0
        scales = rng.uniform(0.002, 0.02, out_ch) if per_channel else np.array([0.01])
        f = b.add_constant("f", rng.integers(-127, 128, filter_shape).astype(np.int8),
                           scale=scales, zero_point=[0] * len(scales), axis=0)
        x = b.add_input("x", in_shape, dtype, scale=in_scale, zero_point=in_zp)
        bias = -1
        if with_bias:
            bias_np = bias_dtype or (np.int32 if dtype == "INT8" else np.int64)
            limit = 20000 if bias_np != np.int16 else 3000
            bias = b.add_constant("b", rng.integers(-limit, limit, out_ch).astype(bias_np),
                                  scale=np.broadcast_to(scales * in_scale, out_ch),
                                  zero_point=[0] * out_ch)
        y = b.add_tensor("y", out_shape, dtype, scale=0.15 if dtype == "INT8" else 0.002,
                         zero_point=out_zp)
    inputs = [shape, f, x] + ([bias] if bias != -1 else [])
    b.add_operator("TRANSPOSE_CONV", inputs, [y], padding=padding, stride_h=stride[0],
                   stride_w=stride[1], fused_activation_function=activation)
    b.add_output(y)
    return b.build()


def _inputs(model: bytes, seed=0):
    """Random data for x; the output-shape input (when not constant) gets the real shape."""
    interp = tflm_host.Interpreter(model)
    rng = np.random.default_rng(seed)
    out = []
    for i in range(interp.num_inputs):
        d = interp.get_input_details(i)
        dtype, shape = np.dtype(d["dtype"]), tuple(d["shape"])
        if dtype == np.int32:
            out.append(np.array(interp.get_output_details(0)["shape"], dtype=np.int32))
        elif dtype == np.float32:
            out.append(rng.uniform(-2, 2, shape).astype(np.float32))
        else:
            info = np.iinfo(dtype)
            out.append(rng.integers(info.min, info.max, shape, endpoint=True).astype(dtype))
    return out


GEOMETRIES = [  # (input shape, kernel, padding, stride)
    ((1, 5, 4, 3), (3, 3), "SAME", (2, 2)),
    ((1, 5, 4, 3), (3, 3), "VALID", (2, 2)),
    ((2, 3, 6, 2), (2, 4), "SAME", (1, 3)),
    ((1, 4, 5, 4), (4, 3), "VALID", (3, 1)),
    ((1, 1, 5, 8), (3, 4), "VALID", (1, 2)),   # seanet's shape
    ((1, 2, 2, 1), (5, 5), "SAME", (1, 1)),    # the filter overhangs the output
    ((1, 1, 1, 2), (1, 1), "VALID", (1, 1)),
]


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
@pytest.mark.parametrize("in_shape,kernel,padding,stride", GEOMETRIES)
def test_geometries(dtype, in_shape, kernel, padding, stride):
    model = _model(dtype, in_shape, kernel, padding=padding, stride=stride)
    assert_matches_oracle(model, _inputs(model))


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_fused_activations(dtype, activation):
    model = _model(dtype, activation=activation)
    assert_matches_oracle(model, _inputs(model))


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
def test_without_bias(dtype):
    model = _model(dtype, with_bias=False)
    assert_matches_oracle(model, _inputs(model))


@pytest.mark.parametrize("dtype", ["INT8", "INT16"])
def test_per_tensor_filter(dtype):
    model = _model(dtype, per_channel=False)
    assert_matches_oracle(model, _inputs(model))


@pytest.mark.parametrize("bias_dtype", [np.int64, np.int16])
def test_16x8_bias_types(bias_dtype):
    model = _model("INT16", bias_dtype=bias_dtype)
    assert_matches_oracle(model, _inputs(model))


def test_16x8_rejects_int32_bias():
    # TFLM would read an int32 bias as int64 (garbage); CONV_2D's int32 path has no twin here.
    with pytest.raises(tflm_host.PrepareError, match="must be int64 or int16"):
        tflm_host.Interpreter(_model("INT16", bias_dtype=np.int32))


@pytest.mark.parametrize("in_zp,out_zp", [(-128, 127), (127, -128), (0, 0)])
def test_int8_zero_points(in_zp, out_zp):
    model = _model("INT8", in_zp=in_zp, out_zp=out_zp)
    assert_matches_oracle(model, _inputs(model))


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT16"])
def test_output_shape_as_runtime_input(dtype):
    model = _model(dtype, in_shape=(1, 1, 5, 8), kernel=(3, 4), padding="VALID", stride=(1, 2),
                   output_shape_constant=False)
    assert_matches_oracle(model, _inputs(model))


def test_output_larger_than_tensorflow_would_make():
    # TFLM uses whatever output shape the tensor has; padding follows from it.
    model = _model("INT8", out_hw=(12, 10))
    assert_matches_oracle(model, _inputs(model))


def test_two_invokes_reset_the_accumulators():
    model = _model("INT16")
    assert_matches_oracle(model, [_inputs(model, 1), _inputs(model, 2)])


def test_rejects_mismatched_filter_depth():
    b = ModelBuilder()
    shape = b.add_constant("s", np.array([1, 4, 4, 2], dtype=np.int32))
    f = b.add_constant("f", np.ones((2, 3, 3, 5), dtype=np.float32))
    x = b.add_input("x", [1, 2, 2, 3], "FLOAT32")
    y = b.add_tensor("y", [1, 4, 4, 2], "FLOAT32")
    b.add_operator("TRANSPOSE_CONV", [shape, f, x], [y], padding="SAME", stride_h=2, stride_w=2)
    b.add_output(y)
    with pytest.raises(tflm_host.PrepareError, match="filter depth"):
        tflm_host.Interpreter(b.build())


def test_rejects_int8_with_int64_bias():
    with pytest.raises(tflm_host.PrepareError, match="bias must be INT32"):
        tflm_host.Interpreter(_model("INT8", bias_dtype=np.int64))
