"""SPLIT, SPLIT_V, UNPACK, PACK, SHAPE, FILL, ZEROS_LIKE, BROADCAST_TO and BROADCAST_ARGS
against the oracle on models built here, plus the invalid models each must reject with a clear
error. Expected output shapes come from numpy; the values from TFLM."""
import numpy as np
import pytest

import tflm_host
from op_checks import rejects, run_on_zeros, unsupported
from oracle import assert_matches_oracle
from tflm_host.builder import ModelBuilder

NUMPY = {"FLOAT32": np.float32, "INT8": np.int8, "UINT8": np.uint8, "INT16": np.int16,
         "INT32": np.int32, "INT64": np.int64, "BOOL": np.bool_}


def _quant(dtype):
    return {"scale": 0.1, "zero_point": 3 if dtype == "INT8" else 0} \
        if dtype in ("INT8", "INT16", "UINT8") else {}


# -- SPLIT / SPLIT_V ----------------------------------------------------------------------

def _split_model(shape, axis, parts, dtype, variant="SPLIT", axis_dtype=np.int32,
                 out_shapes=None):
    """input -> SPLIT(V) into `parts` (a count, or the sizes for SPLIT_V) along `axis`."""
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **_quant(dtype))
    a = b.add_constant("axis", np.array(axis, axis_dtype))
    sections = parts if isinstance(parts, int) else np.cumsum(parts)[:-1]
    if out_shapes is None:
        out_shapes = [p.shape for p in np.split(np.zeros(shape), sections, axis=axis)]
    ys = [b.add_tensor(f"y{i}", s, dtype, **_quant(dtype)) for i, s in enumerate(out_shapes)]
    if variant == "SPLIT":
        b.add_operator("SPLIT", [a, x], ys, num_splits=len(ys))
    else:
        sizes = b.add_constant("sizes", np.array(parts, np.int32))
        b.add_operator("SPLIT_V", [x, sizes, a], ys, num_splits=len(ys))
    for y in ys:
        b.add_output(y)
    return b.build()


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16", "INT32"])
@pytest.mark.parametrize("axis", [0, 1, 2, -1, -3])
def test_split(dtype, axis):
    shape = [4, 6, 2]
    parts = 2 if shape[axis] % 2 == 0 else 1
    assert_matches_oracle(_split_model(shape, axis, parts, dtype), invokes=2)


@pytest.mark.parametrize("shape,axis,parts", [([6], 0, 3), ([6], 0, 1), ([2, 3, 4, 5, 6], 3, 5),
                                              ([1, 8, 2], 1, 4)])
def test_split_shapes(shape, axis, parts):
    assert_matches_oracle(_split_model(shape, axis, parts, "INT8"))


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16", "INT32"])
@pytest.mark.parametrize("shape,axis,sizes", [([7], 0, [2, 5]), ([3, 7], -1, [1, 4, 2]),
                                              ([2, 6, 3], 1, [6]), ([4, 2, 3], 0, [1, 1, 2]),
                                              ([2, 2, 9, 2], 2, [3, 1, 1, 4])])
def test_split_v(dtype, shape, axis, sizes):
    assert_matches_oracle(_split_model(shape, axis, sizes, dtype, "SPLIT_V"))


def test_split_v_reads_output_shapes_not_sizes():
    # TFLM never reads size_splits (here -1 for the inferred part): the outputs say it all.
    assert_matches_oracle(_split_model([3, 8], 1, [5, -1], "FLOAT32", "SPLIT_V",
                                       out_shapes=[[3, 5], [3, 3]]))


def test_split_v_size_splits_may_be_a_graph_tensor():
    b = ModelBuilder()
    x = b.add_input("x", [2, 4], "FLOAT32")
    sizes = b.add_input("sizes", [2], "INT32")
    a = b.add_constant("axis", np.array(-1, np.int32))
    ys = [b.add_tensor("y0", [2, 1], "FLOAT32"), b.add_tensor("y1", [2, 3], "FLOAT32")]
    b.add_operator("SPLIT_V", [x, sizes, a], ys, num_splits=2)
    for y in ys:
        b.add_output(y)
    x_value = np.arange(8, dtype=np.float32).reshape(2, 4)
    assert_matches_oracle(b.build(), [x_value, np.array([1, 3], np.int32)])


def test_split_int64_axis_is_read_as_int32_word():
    assert_matches_oracle(_split_model([4, 6], 1, 3, "INT16", axis_dtype=np.int64))


def test_split_rejects_invalid_models():
    rejects(_split_model([4, 6], 2, 2, "FLOAT32", out_shapes=[[2, 6], [2, 6]]), "out of range")
    rejects(_split_model([4, 6], 0, 2, "FLOAT32", out_shapes=[[1, 6], [3, 6]]),
             "output 1 has 3 entries")
    rejects(_split_model([4, 6], 0, 2, "FLOAT32", out_shapes=[[2, 6], [2, 5]]),
             r"output 1 shape is \[2, 5\], expected \[2, 6\]")
    rejects(_split_model([4, 6], 0, [1, 2], "FLOAT32", "SPLIT_V", out_shapes=[[1, 6], [2, 6]]),
             "the outputs hold 3 entries along axis 0, the input 4")
    unsupported(_split_model([4], 0, 2, "UINT8", "SPLIT_V"))
    unsupported(_split_model([4], 0, 2, "BOOL"), "SPLIT on BOOL input 1")
    b = ModelBuilder()
    x = b.add_input("x", [4], "FLOAT32")
    a = b.add_input("a", [], "INT32")
    ys = [b.add_tensor(f"y{i}", [2], "FLOAT32") for i in range(2)]
    b.add_operator("SPLIT", [a, x], ys, num_splits=2)
    for y in ys:
        b.add_output(y)
    rejects(b.build(), "non-constant axis")


# -- UNPACK -------------------------------------------------------------------------------

def _unpack_model(shape, axis, dtype, num=None, out_shape=None):
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **_quant(dtype))
    num = shape[axis] if num is None else num
    if out_shape is None:
        out_shape = np.take(np.zeros(shape), 0, axis=axis).shape
    ys = [b.add_tensor(f"y{i}", out_shape, dtype, **_quant(dtype)) for i in range(num)]
    b.add_operator("UNPACK", [x], ys, num=num, axis=axis)
    for y in ys:
        b.add_output(y)
    return b.build()


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16", "INT32"])
@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2])
def test_unpack(dtype, axis):
    assert_matches_oracle(_unpack_model([3, 2, 4], axis, dtype), invokes=2)


def test_unpack_shapes():
    assert_matches_oracle(_unpack_model([5], 0, "FLOAT32"))
    assert_matches_oracle(_unpack_model([1, 3], 0, "INT8"))
    assert_matches_oracle(_unpack_model([2, 1, 3, 2, 2], 3, "INT16"))


def test_unpack_rejects_invalid_models():
    rejects(_unpack_model([3, 2], 0, "FLOAT32", num=2), "num is 2")
    rejects(_unpack_model([3, 2], 2, "FLOAT32", num=1, out_shape=[3]), "out of range")
    rejects(_unpack_model([3, 2], 0, "FLOAT32", out_shape=[3]), r"shape is \[3\], expected \[2\]")
    unsupported(_unpack_model([2, 2], 0, "INT64"))


# -- PACK ---------------------------------------------------------------------------------

def _pack_model(shape, count, axis, dtype, out_shape=None, values_count=None):
    b = ModelBuilder()
    xs = [b.add_input(f"x{i}", shape, dtype, **_quant(dtype)) for i in range(count)]
    if out_shape is None:
        out_shape = np.stack([np.zeros(shape)] * count, axis=axis).shape
    y = b.add_tensor("y", out_shape, dtype, **_quant(dtype))
    b.add_operator("PACK", xs, [y], values_count=count if values_count is None else values_count,
                   axis=axis)
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16", "INT32", "INT64"])
@pytest.mark.parametrize("axis", [0, 1, 2, -1, -3])
def test_pack(dtype, axis):
    assert_matches_oracle(_pack_model([2, 3], 3, axis, dtype), invokes=2)


def test_pack_shapes():
    assert_matches_oracle(_pack_model([], 4, 0, "FLOAT32"))  # scalars to a vector
    assert_matches_oracle(_pack_model([5], 1, 1, "INT8"))
    assert_matches_oracle(_pack_model([1, 2, 1, 2], 2, 2, "INT32"))


def test_pack_same_input_twice():
    b = ModelBuilder()
    x = b.add_input("x", [3], "INT8", scale=0.5, zero_point=-1)
    y = b.add_tensor("y", [3, 2], "INT8", scale=0.5, zero_point=-1)
    b.add_operator("PACK", [x, x], [y], values_count=2, axis=1)
    b.add_output(y)
    assert_matches_oracle(b.build())


def test_pack_rejects_invalid_models():
    rejects(_pack_model([2, 3], 2, 0, "FLOAT32", values_count=3), "values_count is 3")
    rejects(_pack_model([2, 3], 2, 3, "FLOAT32", out_shape=[2, 3, 2]), "out of range")
    rejects(_pack_model([2, 3], 2, 0, "FLOAT32", out_shape=[2, 3, 2]),
             r"output shape is \[2, 3, 2\], expected \[2, 2, 3\]")
    unsupported(_pack_model([2], 2, 0, "BOOL"))
    b = ModelBuilder()
    x0, x1 = b.add_input("x0", [2], "FLOAT32"), b.add_input("x1", [3], "FLOAT32")
    y = b.add_tensor("y", [2, 2], "FLOAT32")
    b.add_operator("PACK", [x0, x1], [y], values_count=2, axis=0)
    b.add_output(y)
    rejects(b.build(), r"input 1 shape is \[3\]")


# -- SHAPE --------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"])
@pytest.mark.parametrize("shape", [[7], [2, 3], [1, 4, 1, 2, 3]])
def test_shape(dtype, shape):
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **_quant(dtype))
    y = b.add_tensor("y", [len(shape)], "INT32")
    b.add_operator("SHAPE", [x], [y], out_type="INT32")
    b.add_output(y)
    assert_matches_oracle(b.build())


def test_shape_of_a_scalar_is_empty():
    b = ModelBuilder()
    x = b.add_input("x", [], "FLOAT32")
    y = b.add_tensor("y", [0], "INT32")
    b.add_operator("SHAPE", [x], [y])
    b.add_output(y)
    assert_matches_oracle(b.build())


def test_shape_rejects_invalid_models():
    for out_type, out_shape, match in (("INT64", [2], "output must be INT32"),
                                       ("INT32", [3], r"output shape is \[3\], expected \[2\]")):
        b = ModelBuilder()
        x = b.add_input("x", [2, 3], "FLOAT32")
        y = b.add_tensor("y", out_shape, out_type)
        b.add_operator("SHAPE", [x], [y])
        b.add_output(y)
        rejects(b.build(), match)


# -- FILL ---------------------------------------------------------------------------------

def _fill_model(shape, dtype, dims_dtype=np.int32, dims=None, value_quant=None, out_quant=None,
                value_shape=()):
    b = ModelBuilder()
    d = b.add_constant("dims", np.array(shape if dims is None else dims, dims_dtype))
    v = b.add_input("v", value_shape, dtype, **(value_quant or {}))
    y = b.add_tensor("y", shape, dtype, **(out_quant or {}))
    b.add_operator("FILL", [d, v], [y])
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT32"])
@pytest.mark.parametrize("dims_dtype", [np.int8, np.int16, np.int32, np.int64])
def test_fill(dtype, dims_dtype):
    assert_matches_oracle(_fill_model([2, 3, 4], dtype, dims_dtype), invokes=2)


def test_fill_copies_int8_value_without_requantizing():
    # TFLM compares no quantization: the value's bits are copied into the output.
    assert_matches_oracle(_fill_model([5], "INT8", value_quant={"scale": 0.1, "zero_point": 3},
                                      out_quant={"scale": 0.7, "zero_point": -9}))


def test_fill_shapes():
    assert_matches_oracle(_fill_model([7], "FLOAT32"))
    assert_matches_oracle(_fill_model([1, 2, 1, 3, 2], "INT32"))


def test_fill_rejects_invalid_models():
    rejects(_fill_model([2, 3], "FLOAT32", dims=[3, 2]), "dims.0. is 3")
    rejects(_fill_model([2, 3], "FLOAT32", dims=[2, 3, 1]), "vector of the output's 2")
    rejects(_fill_model([2, 3], "FLOAT32", value_shape=[1]), "scalar")
    unsupported(_fill_model([2, 3], "INT16"), "FILL on INT16 input 1")
    rejects(_fill_model([2, 3], "FLOAT32", dims_dtype=np.float32), "integer tensor")
    b = ModelBuilder()
    d = b.add_input("d", [2], "INT32")
    v = b.add_input("v", [], "FLOAT32")
    y = b.add_tensor("y", [2, 3], "FLOAT32")
    b.add_operator("FILL", [d, v], [y])
    b.add_output(y)
    rejects(b.build(), "non-constant dims")


# -- ZEROS_LIKE ---------------------------------------------------------------------------

def _zeros_like_model(shape, dtype, out_shape=None):
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **_quant(dtype))
    y = b.add_tensor("y", shape if out_shape is None else out_shape, dtype, **_quant(dtype))
    b.add_operator("ZEROS_LIKE", [x], [y])
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT32", "INT64"])
def test_zeros_like(dtype):
    # int8 with zero point 3 still gets the value 0, as in TFLM.
    assert_matches_oracle(_zeros_like_model([2, 3, 4], dtype), invokes=2)


def test_zeros_like_overwrites_its_buffer_every_invoke():
    # ADD writes the arena first; ZEROS_LIKE of a reused buffer must still read 0.
    b = ModelBuilder()
    x = b.add_input("x", [4], "FLOAT32")
    s = b.add_tensor("s", [4], "FLOAT32")
    z = b.add_tensor("z", [4], "FLOAT32")
    y = b.add_tensor("y", [4], "FLOAT32")
    b.add_operator("ADD", [x, x], [s])
    b.add_operator("ZEROS_LIKE", [s], [z])
    b.add_operator("ADD", [z, x], [y])
    b.add_output(y)
    assert_matches_oracle(b.build(), invokes=3)


def test_zeros_like_rejects_invalid_models():
    rejects(_zeros_like_model([2, 3], "FLOAT32", out_shape=[3, 2]), "output shape")
    unsupported(_zeros_like_model([2], "INT16"))


# -- BROADCAST_TO -------------------------------------------------------------------------

def _broadcast_to_model(in_shape, shape, dtype, shape_dtype=np.int32, out_shape=None):
    b = ModelBuilder()
    x = b.add_input("x", in_shape, dtype, **_quant(dtype))
    s = b.add_constant("shape", np.array(shape, shape_dtype))
    y = b.add_tensor("y", shape if out_shape is None else out_shape, dtype, **_quant(dtype))
    b.add_operator("BROADCAST_TO", [x, s], [y])
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"])
def test_broadcast_to_types(dtype):
    assert_matches_oracle(_broadcast_to_model([3, 1], [2, 3, 4], dtype), invokes=2)


@pytest.mark.parametrize("in_shape,shape", [([1], [5]), ([3], [3]), ([4], [2, 3, 4]),
                                            ([2, 1, 3], [2, 4, 3]), ([1, 1], [3, 2]),
                                            ([2, 1, 3, 1, 2], [2, 2, 3, 3, 2]), ([], [2, 2]),
                                            ([1, 3, 1], [1, 1, 3, 4])])
def test_broadcast_to_shapes(in_shape, shape):
    assert_matches_oracle(_broadcast_to_model(in_shape, shape, "INT16"))


def test_broadcast_to_int64_shape():
    assert_matches_oracle(_broadcast_to_model([2, 1], [3, 2, 5], "FLOAT32", np.int64))


def test_broadcast_to_rejects_invalid_models():
    rejects(_broadcast_to_model([2, 3], [2, 4], "FLOAT32"), "does not broadcast")
    rejects(_broadcast_to_model([2, 3], [3], "FLOAT32"), "input rank 2 exceeds")
    rejects(_broadcast_to_model([1], [1] * 6, "FLOAT32"), "rank 6 exceeds 5")
    rejects(_broadcast_to_model([1], [4], "FLOAT32", out_shape=[5]), "holds 1 values|shape is")
    rejects(_broadcast_to_model([1], [4], "FLOAT32", np.int16), "INT32 or INT64")
    b = ModelBuilder()
    x = b.add_input("x", [1], "FLOAT32")
    s = b.add_input("s", [1], "INT32")
    y = b.add_tensor("y", [4], "FLOAT32")
    b.add_operator("BROADCAST_TO", [x, s], [y])
    b.add_output(y)
    rejects(b.build(), "non-constant shape")


# -- BROADCAST_ARGS -----------------------------------------------------------------------

def _broadcast_args_model(len1, len2, out_len, dtype="INT32"):
    b = ModelBuilder()
    s1, s2 = b.add_input("s1", [len1], dtype), b.add_input("s2", [len2], dtype)
    y = b.add_tensor("y", [out_len], dtype)
    b.add_operator("BROADCAST_ARGS", [s1, s2], [y])
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("dtype", ["INT32", "INT64"])
@pytest.mark.parametrize("shape1,shape2", [([2, 1, 3], [4, 1]), ([1], [5, 6]), ([3, 4], [3, 4]),
                                           ([1, 7, 1, 2], [9, 1, 3, 1]), ([5, 1, 4], [3, 1]), ([0, 1], [0, 5])])
def test_broadcast_args(dtype, shape1, shape2):
    out_len = max(len(shape1), len(shape2))
    inputs = [np.array(shape1, NUMPY[dtype]), np.array(shape2, NUMPY[dtype])]
    assert_matches_oracle(_broadcast_args_model(len(shape1), len(shape2), out_len, dtype), inputs)


def test_broadcast_args_writes_its_static_output_length():
    # TFLM fills the output vector right to left whatever its length.
    inputs = [np.array([2, 3], np.int32), np.array([3], np.int32)]
    assert_matches_oracle(_broadcast_args_model(2, 1, 4), inputs)
    assert_matches_oracle(_broadcast_args_model(2, 1, 1), inputs)


def test_broadcast_args_incompatible_shapes_fail_the_invoke():
    # TFLM aborts the process here (TFLITE_CHECK), so there is no oracle run.
    interp = tflm_host.Interpreter(_broadcast_args_model(2, 2, 2))
    interp.set_input(np.array([2, 3], np.int32), 0)
    interp.set_input(np.array([2, 4], np.int32), 1)
    with pytest.raises(tflm_host.InvokeError, match="do not broadcast"):
        interp.invoke()


def test_broadcast_args_rejects_invalid_models():
    unsupported(_broadcast_args_model(2, 2, 2, "INT16"))
    b = ModelBuilder()
    s1, s2 = b.add_input("s1", [2], "INT32"), b.add_input("s2", [2], "INT64")
    y = b.add_tensor("y", [2], "INT32")
    b.add_operator("BROADCAST_ARGS", [s1, s2], [y])
    b.add_output(y)
    rejects(b.build(), "input 1 must be INT32")


# -- empty tensors ------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: _split_model([0, 4], 1, 2, "FLOAT32"),
    lambda: _split_model([3, 4], 1, [4, 0], "INT8", "SPLIT_V"),
    lambda: _pack_model([0, 2], 2, 1, "INT32"),
    lambda: _zeros_like_model([2, 0], "FLOAT32"),
    lambda: _broadcast_to_model([1, 0], [3, 0], "INT8"),
])
def test_empty_tensors_run_without_touching_memory(make):
    # TFLM refuses empty op outputs as "dynamic tensors", so there is no oracle here: the
    # kernels must simply never dereference the missing buffers.
    assert any(out.size == 0 for out in run_on_zeros(make()))
