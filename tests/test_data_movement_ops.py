"""Data-movement ops (RESHAPE, SQUEEZE, EXPAND_DIMS, PAD, PADV2, CONCATENATION, TRANSPOSE,
STRIDED_SLICE) against the oracle on models built here, plus the invalid models each must
reject with a clear error. Expected output shapes come from numpy; the values from TFLM."""
import itertools

import numpy as np
import pytest

import tflm_host
from op_checks import rejects, run_on_zeros, unsupported
from oracle import assert_matches_oracle, shared_model
from tflm_host.builder import ModelBuilder

NUMPY = {"FLOAT32": np.float32, "FLOAT16": np.float16, "INT8": np.int8, "UINT8": np.uint8,
         "INT16": np.int16, "INT32": np.int32, "INT64": np.int64, "BOOL": np.bool_}


def _quant(dtype, scale=0.05, zero_point=-3):
    """Quantization for the quantized types (int16 is symmetric), none for the others."""
    if dtype == "INT8":
        return {"scale": scale, "zero_point": zero_point}
    if dtype == "UINT8":
        return {"scale": scale, "zero_point": 128}
    if dtype == "INT16":
        return {"scale": scale, "zero_point": 0}
    return {}


def _unary_model(op, in_shape, out_shape, dtype, constants=(), quant=None, out_quant=None,
                 **options):
    """input -> op(input, *constants) -> output; constants are numpy arrays or -1."""
    b = ModelBuilder()
    quant = _quant(dtype) if quant is None else quant
    x = b.add_input("x", in_shape, dtype, **quant)
    extra = [c if isinstance(c, int) else b.add_constant(f"c{i}", c)
             for i, c in enumerate(constants)]
    y = b.add_tensor("y", out_shape, dtype, **(quant if out_quant is None else out_quant))
    b.add_operator(op, [x, *extra], [y], **options)
    b.add_output(y)
    return b.build()


# -- RESHAPE ------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16", "INT32", "UINT8", "BOOL", "INT64",
                                   "FLOAT16"])
def test_reshape_types(dtype):
    assert_matches_oracle(_unary_model("RESHAPE", [2, 3, 4], [4, 6], dtype), invokes=2)


@pytest.mark.parametrize("in_shape,out_shape", [([24], [2, 3, 4]), ([1, 2, 3, 4], [24]),
                                                ([2, 3, 4], [1, 2, 1, 3, 4]), ([5], [1, 5]),
                                                ([1], [])])
def test_reshape_ranks(in_shape, out_shape):
    assert_matches_oracle(_unary_model("RESHAPE", in_shape, out_shape, "INT8"))


def test_reshape_ignores_shape_input_and_option():
    # TFLM takes the output tensor's shape; the shape input and new_shape are not consulted.
    shape = np.array([3, 8], np.int32)
    assert_matches_oracle(_unary_model("RESHAPE", [2, 12], [3, 8], "FLOAT32", [shape],
                                       new_shape=[3, 8]))
    assert_matches_oracle(_unary_model("RESHAPE", [2, 12], [3, 8], "INT16", new_shape=[3, 8]))


def test_reshape_rejects_invalid_models():
    rejects(_unary_model("RESHAPE", [2, 3], [4, 2], "FLOAT32"), "6 elements, output 8")
    b = ModelBuilder()
    x = b.add_input("x", [2, 3], "FLOAT32")
    y = b.add_tensor("y", [6], "INT32")
    b.add_operator("RESHAPE", [x], [y])
    b.add_output(y)
    rejects(b.build(), "output must be FLOAT32")
    rejects(_unary_model("RESHAPE", [1], [0], "FLOAT32"), "legacy scalar")


# -- SQUEEZE ------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16", "INT32", "UINT8", "BOOL", "INT64"])
def test_squeeze_types(dtype):
    assert_matches_oracle(_unary_model("SQUEEZE", [1, 3, 1, 2], [3, 2], dtype))


@pytest.mark.parametrize("in_shape,dims", [([1, 3, 1, 2], [0]), ([1, 3, 1, 2], [-2]),
                                           ([1, 3, 1, 2], [2, 0]), ([4, 1], [-1]), ([1], []),
                                           ([1, 1, 2, 1, 3], []), ([2, 1, 3, 1, 1], [1, -1])])
def test_squeeze_dims(in_shape, dims):
    squeezed = np.squeeze(np.zeros(in_shape), axis=tuple(dims) if dims else None).shape
    assert_matches_oracle(_unary_model("SQUEEZE", in_shape, squeezed, "INT8", squeeze_dims=dims))


def test_squeeze_rejects_invalid_models():
    rejects(_unary_model("SQUEEZE", [1, 3, 2], [1, 2], "FLOAT32", squeeze_dims=[1]),
             "not a size-1 dimension")
    rejects(_unary_model("SQUEEZE", [1, 3, 2], [3, 2], "FLOAT32", squeeze_dims=[3]),
             "not a size-1 dimension")
    rejects(_unary_model("SQUEEZE", [1, 3, 2], [3], "FLOAT32"), "output rank 1 is too small")
    rejects(_unary_model("SQUEEZE", [1, 3, 2], [2, 3], "FLOAT32"), "smaller than input")


# -- EXPAND_DIMS --------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
@pytest.mark.parametrize("axis", [-3, -2, -1, 0, 1, 2])
def test_expand_dims(dtype, axis):
    out_shape = np.expand_dims(np.zeros([2, 3]), axis).shape
    axis_tensor = np.array([axis] if axis % 2 else axis, np.int32)  # vector or scalar axis
    assert_matches_oracle(_unary_model("EXPAND_DIMS", [2, 3], out_shape, dtype, [axis_tensor]))


def test_expand_dims_rank_4_to_5():
    assert_matches_oracle(_unary_model("EXPAND_DIMS", [1, 2, 3, 4], [1, 2, 3, 4, 1], "INT8",
                                       [np.array(4, np.int32)]))


def test_expand_dims_rejects_invalid_models():
    rejects(_unary_model("EXPAND_DIMS", [2, 3], [2, 1, 3], "FLOAT32", [np.array([1], np.int64)]),
             "axis must be INT32")
    rejects(_unary_model("EXPAND_DIMS", [2, 3], [2, 3, 1], "FLOAT32", [np.array([1], np.int32)]),
             "output dimension 1 is 3, expected 1")
    rejects(_unary_model("EXPAND_DIMS", [2, 3], [1, 2, 3], "FLOAT32", [np.array(-4, np.int32)]),
             "out of range")
    unsupported(_unary_model("EXPAND_DIMS", [2, 3], [1, 2, 3], "INT32", [np.array(0, np.int32)]))


# -- PAD / PADV2 --------------------------------------------------------------------------

def _padded_shape(shape, pads):
    return [d + int(lo) + int(hi) for d, (lo, hi) in zip(shape, pads)]


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16", "INT32"])
@pytest.mark.parametrize("pads", [[[1, 2]], [[0, 0], [2, 1]], [[1, 0], [0, 2], [3, 1]],
                                  [[0, 0], [1, 1], [2, 0], [0, 0]],
                                  [[1, 0], [0, 1], [2, 2], [0, 1], [1, 0]]])
def test_pad(dtype, pads):
    shape = [3, 2, 4, 2, 3][:len(pads)]
    paddings = np.array(pads, np.int32)
    assert_matches_oracle(_unary_model("PAD", shape, _padded_shape(shape, pads), dtype,
                                       [paddings]))


@pytest.mark.parametrize("zero_point", [-128, -3, 0, 127])
def test_pad_int8_pads_with_output_zero_point(zero_point):
    quant = {"scale": 0.1, "zero_point": zero_point}
    model = _unary_model("PAD", [1, 3, 3, 2], [1, 5, 4, 2], "INT8",
                         [np.array([[0, 0], [1, 1], [0, 1], [0, 0]], np.int32)], quant=quant)
    assert_matches_oracle(model)


def test_pad_int16_pads_with_zero_not_zero_point():
    model = _unary_model("PAD", [2, 3], [4, 5], "INT16", [np.array([[1, 1], [1, 1]], np.int32)],
                         quant={"scale": 0.1, "zero_point": 7})
    assert_matches_oracle(model)


def test_pad_negative_paddings_follow_tflm():
    # TFLM only checks output = input + left + right; its copy loop then drops elements.
    pads = np.array([[-1, 2], [1, -1]], np.int32)
    assert_matches_oracle(_unary_model("PAD", [3, 4], [4, 4], "FLOAT32", [pads]))


def test_pad_int64_paddings_are_read_as_int32_words():
    # [[1, 0], [2, 0]] as int64 is the int32 words 1, 0, 0, 0, 2, 0, 0, 0: TFLM pads one
    # row in front of dimension 0 and nothing else.
    pads = np.array([[1, 0], [2, 0]], np.int64)
    assert_matches_oracle(_unary_model("PAD", [2, 3], [3, 3], "FLOAT32", [pads]))


def test_pad_zero_size_input():
    assert_matches_oracle(_unary_model("PAD", [0, 3], [2, 3], "INT8",
                                       [np.array([[1, 1], [0, 0]], np.int32)]))


@pytest.mark.parametrize("dtype,value", [("FLOAT32", -2.5), ("INT8", -7), ("INT16", 300),
                                         ("INT32", -70000)])
def test_padv2_constant_value(dtype, value):
    b = ModelBuilder()
    quant = _quant(dtype, 0.25, 4)
    x = b.add_input("x", [2, 3, 2], dtype, **quant)
    p = b.add_constant("p", np.array([[1, 0], [2, 1], [0, 1]], np.int32))
    c = b.add_constant("c", np.array([value], NUMPY[dtype]), **quant)
    y = b.add_tensor("y", [3, 6, 3], dtype, **quant)
    b.add_operator("PADV2", [x, p, c], [y])
    b.add_output(y)
    assert_matches_oracle(b.build())


def test_padv2_value_from_graph_input():
    b = ModelBuilder()
    x = b.add_input("x", [2, 2], "FLOAT32")
    c = b.add_input("c", [1], "FLOAT32")
    p = b.add_constant("p", np.array([[1, 1], [1, 1]], np.int32))
    y = b.add_tensor("y", [4, 4], "FLOAT32")
    b.add_operator("PADV2", [x, p, c], [y])
    b.add_output(y)
    assert_matches_oracle(b.build(), invokes=2)


def test_pad_rejects_invalid_models():
    pads = np.array([[1, 1], [0, 0]], np.int32)
    rejects(_unary_model("PAD", [2, 3], [3, 3], "FLOAT32", [pads]),
             "output dimension 0 is 3, expected 4")
    rejects(_unary_model("PAD", [2, 3], [4, 3], "FLOAT32", [np.array([1, 1], np.int32)]),
             "paddings hold 2 values")
    rejects(_unary_model("PAD", [1] * 6, [1] * 6, "FLOAT32", [np.zeros((6, 2), np.int32)]),
             "rank 6 exceeds 5")
    rejects(_unary_model("PAD", [2, 3], [4, 3], "INT8", [pads],
                          quant={"scale": 0.1, "zero_point": 200}), "outside the int8 range")
    unsupported(_unary_model("PAD", [2, 3], [4, 3], "UINT8", [pads]))
    b = ModelBuilder()
    x = b.add_input("x", [2, 3], "FLOAT32")
    p = b.add_input("p", [2, 2], "INT32")
    y = b.add_tensor("y", [4, 3], "FLOAT32")
    b.add_operator("PAD", [x, p], [y])
    b.add_output(y)
    rejects(b.build(), "non-constant paddings")


def test_padv2_rejects_value_with_other_quantization():
    b = ModelBuilder()
    x = b.add_input("x", [2], "INT8", scale=0.5, zero_point=1)
    p = b.add_constant("p", np.array([[1, 1]], np.int32))
    c = b.add_constant("c", np.array([3], np.int8), scale=0.25, zero_point=1)
    y = b.add_tensor("y", [4], "INT8", scale=0.5, zero_point=1)
    b.add_operator("PADV2", [x, p, c], [y])
    b.add_output(y)
    rejects(b.build(), "pad value scale")


# -- CONCATENATION ------------------------------------------------------------------------

def _concat_model(shapes, axis, dtype, quants=None, out_quant=None, activation="NONE"):
    b = ModelBuilder()
    quants = quants or [_quant(dtype)] * len(shapes)
    xs = [b.add_input(f"x{i}", s, dtype, **q) for i, (s, q) in enumerate(zip(shapes, quants))]
    out_shape = np.concatenate([np.zeros(s) for s in shapes], axis=axis).shape
    y = b.add_tensor("y", out_shape, dtype, **(out_quant or quants[0]))
    b.add_operator("CONCATENATION", xs, [y], axis=axis, fused_activation_function=activation)
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16", "INT32", "INT64", "BOOL"])
@pytest.mark.parametrize("axis", [0, 1, 2, -1, -3])
def test_concatenation(dtype, axis):
    shapes = [[2, 3, 4], [2, 3, 4], [2, 3, 4]]
    for i, s in enumerate(shapes):
        s[axis] = i + 1
    assert_matches_oracle(_concat_model(shapes, axis, dtype), invokes=2)


@pytest.mark.parametrize("rank", [1, 2, 4, 5, 6])
def test_concatenation_ranks(rank):
    shapes = [[2] * rank, [2] * (rank - 1) + [3]]
    assert_matches_oracle(_concat_model(shapes, rank - 1, "INT8"))
    assert_matches_oracle(_concat_model([[1] + [2] * (rank - 1)] * 2, 0, "FLOAT32"))


def test_concatenation_single_and_ten_inputs():
    assert_matches_oracle(_concat_model([[3, 2]], 1, "FLOAT32"))
    assert_matches_oracle(_concat_model([[1, i + 1] for i in range(10)], -1, "INT16"))


@pytest.mark.parametrize("zero_point", [-128, 127])
def test_concatenation_int8_extreme_zero_points(zero_point):
    q = {"scale": 0.02, "zero_point": zero_point}
    assert_matches_oracle(_concat_model([[2, 3], [4, 3]], 0, "INT8", [q, q]))


def test_concatenation_zero_size_input():
    assert_matches_oracle(_concat_model([[2, 0], [2, 3], [2, 1]], 1, "FLOAT32"))


def test_concatenation_rejects_invalid_models():
    q1, q2 = {"scale": 0.1, "zero_point": 0}, {"scale": 0.2, "zero_point": 0}
    rejects(_concat_model([[2, 2], [2, 2]], 0, "INT8", [q1, q2], q1), "input 1 .* must share")
    q3 = {"scale": 0.1, "zero_point": 5}
    rejects(_concat_model([[2, 2], [2, 2]], 0, "INT8", [q1, q1], q3), "input 0 .* must share")
    rejects(_concat_model([[2, 2], [2, 2]], 1, "FLOAT32", activation="RELU"),
             "fused activations")
    rejects(_concat_model([[1, 1]] * 11, 0, "FLOAT32"), "expected 1 to 10 inputs")
    rejects(_concat_model([[1] * 7] * 2, 0, "FLOAT32"), "rank 7 exceeds 6")
    unsupported(_concat_model([[2], [2]], 0, "UINT8"))
    b = ModelBuilder()
    x0, x1 = b.add_input("x0", [2, 3], "FLOAT32"), b.add_input("x1", [3, 3], "FLOAT32")
    y = b.add_tensor("y", [2, 6], "FLOAT32")
    b.add_operator("CONCATENATION", [x0, x1], [y], axis=1)
    b.add_output(y)
    rejects(b.build(), "input 1 dimension 0 is 3")


# -- TRANSPOSE ----------------------------------------------------------------------------

def _transpose_model(shape, perm, dtype):
    out_shape = np.transpose(np.zeros(shape), perm).shape
    return _unary_model("TRANSPOSE", shape, out_shape, dtype, [np.array(perm, np.int32)])


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
@pytest.mark.parametrize("shape", [[5], [3, 4], [2, 3, 4], [2, 1, 3, 4], [2, 3, 1, 2, 3]])
def test_transpose(dtype, shape):
    rng = np.random.default_rng(len(shape))
    perms = list(itertools.permutations(range(len(shape))))
    for index in rng.choice(len(perms), size=min(3, len(perms)), replace=False):
        assert_matches_oracle(_transpose_model(shape, list(perms[index]), dtype))


def test_transpose_rejects_invalid_models():
    rejects(_unary_model("TRANSPOSE", [2, 3], [2, 2], "FLOAT32", [np.array([0, 0], np.int32)]),
             "not a permutation")
    rejects(_unary_model("TRANSPOSE", [2, 3], [2, 3], "FLOAT32", [np.array([1, 0], np.int32)]),
             "output dimension 0 is 2, expected 3")
    rejects(_transpose_model([1] * 6, list(range(6)), "INT8"), "1-D to 5-D")
    rejects(_unary_model("TRANSPOSE", [2, 3], [3, 2], "FLOAT32", [np.array([1], np.int32)]),
             "perm must be a vector of 2 values")
    unsupported(_transpose_model([2, 3], [1, 0], "INT32"))


# -- STRIDED_SLICE ------------------------------------------------------------------------

def _slice_output_shape(shape, begin, end, strides, masks):
    """numpy's shape of the slice (TF semantics for these masks)."""
    index = []
    for axis, (b, e, s) in enumerate(zip(begin, end, strides)):
        if masks.get("shrink_axis_mask", 0) >> axis & 1:
            index.append(b)
        else:
            index.append(slice(None if masks.get("begin_mask", 0) >> axis & 1 else b,
                               None if masks.get("end_mask", 0) >> axis & 1 else e, s))
    return list(np.zeros(shape)[tuple(index)].shape)


def _slice_model(shape, begin, end, strides, dtype="FLOAT32", index_type=np.int32,
                 out_shape=None, **masks):
    if out_shape is None:
        out_shape = _slice_output_shape(shape, begin, end, strides, masks)
    consts = [np.array(v, index_type) for v in (begin, end, strides)]
    return _unary_model("STRIDED_SLICE", shape, out_shape, dtype, consts, **masks)


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16", "INT32", "BOOL"])
def test_strided_slice_types(dtype):
    assert_matches_oracle(_slice_model([4, 5, 3], [1, 0, 2], [4, 5, 0], [2, 2, -1], dtype))


SLICES = [
    ([7], [1], [6], [2], {}),
    ([7], [-2], [-7], [-1], {}),
    ([7], [5], [1], [-2], {}),
    ([7], [-100], [100], [3], {}),
    ([7], [100], [-100], [-3], {}),
    ([7], [3], [3], [1], {"begin_mask": 1}),
    ([7], [3], [3], [-1], {"end_mask": 1}),
    ([4, 6], [1, -1], [3, 0], [1, -2], {}),
    ([4, 6], [0, 0], [0, 0], [1, 1], {"begin_mask": 3, "end_mask": 3}),
    ([4, 6], [-1, 0], [0, 0], [-1, -1], {"begin_mask": 3, "end_mask": 3}),
    ([4, 6], [2, 1], [0, 5], [1, 2], {"shrink_axis_mask": 1}),
    ([4, 6], [-1, -2], [0, 0], [1, 1], {"shrink_axis_mask": 3}),
    ([4, 6], [3, 1], [0, 5], [1, -3], {"shrink_axis_mask": 1}),
    ([2, 3, 4], [0, 1, -1], [2, 3, 0], [1, 1, -1], {"end_mask": 4}),
    ([2, 3, 4], [1, 0, 1], [2, 3, 4], [1, 2, 2], {"shrink_axis_mask": 1, "begin_mask": 2}),
    ([2, 3, 4, 5], [0, 1, 0, 4], [2, 3, 4, 0], [1, 1, 3, -2], {}),
    ([2, 3, 4, 5], [1, 2, 3, 4], [0, 0, 0, 0], [1, 1, 1, 1], {"shrink_axis_mask": 15}),
    ([3, 1, 4, 2], [0, 0, 1, 0], [3, 1, 4, 2], [-1, 1, 1, 1], {"begin_mask": 1, "end_mask": 1}),
    ([4, 6], [1, 1], [0, 5], [1, 1], {"shrink_axis_mask": 2}),  # empty [0] output: TFLM allows it
]


@pytest.mark.parametrize("shape,begin,end,strides,masks", SLICES)
def test_strided_slice(shape, begin, end, strides, masks):
    assert_matches_oracle(_slice_model(shape, begin, end, strides, "INT8", **masks))


def _random_slice(rng):
    """A slice TFLM defines: shrunk axes only with an in-range index and a positive stride."""
    rank = int(rng.integers(1, 5))
    shape = [int(d) for d in rng.integers(1, 6, rank)]
    begin, end, strides, masks = [], [], [], {"begin_mask": 0, "end_mask": 0,
                                              "shrink_axis_mask": 0}
    for axis, size in enumerate(shape):
        strides.append(int(rng.choice([-3, -2, -1, 1, 2, 3])))
        begin.append(int(rng.integers(-size - 2, size + 3)))
        end.append(int(rng.integers(-size - 2, size + 3)))
        for mask in ("begin_mask", "end_mask"):
            masks[mask] |= int(rng.random() < 0.25) << axis
        if rng.random() < 0.2:
            strides[-1], begin[-1] = 1, int(rng.integers(-size, size))
            masks["shrink_axis_mask"] |= 1 << axis
    return shape, begin, end, strides, masks


@pytest.mark.parametrize("seed", range(40))
def test_strided_slice_random(seed):
    rng = np.random.default_rng(seed)
    while True:  # TFLM rejects empty outputs ("dynamic tensors"), so draw until non-empty
        shape, begin, end, strides, masks = _random_slice(rng)
        if _slice_output_shape(shape, begin, end, strides, masks).count(0) == 0:
            break
    assert_matches_oracle(_slice_model(shape, begin, end, strides, "INT16", **masks), seed=seed)


@pytest.mark.parametrize("masks", [{"ellipsis_mask": 1}, {"new_axis_mask": 2}, {"offset": True},
                                   {"ellipsis_mask": 2, "new_axis_mask": 1, "offset": True}])
def test_strided_slice_ignores_what_tflm_ignores(masks):
    # TFLM zeroes ellipsis_mask and new_axis_mask and never sets offset: plain slicing.
    model = _slice_model([3, 4], [1, 1], [3, 3], [1, 1], out_shape=[2, 2], **masks)
    assert_matches_oracle(model)


def test_strided_slice_int64_indices_are_read_as_int32_words():
    # TFLM reads the first `rank` int32 words: begin int64 [1, 0] -> 1, 0; end [3, 0] -> 3, 0
    # (axis 1 then taken whole by end_mask); strides as int64 [2**32 + 1] -> words 1, 1.
    b = ModelBuilder()
    x = b.add_input("x", [4, 5], "INT16", scale=0.1, zero_point=0)
    consts = [b.add_constant(n, np.array(v, np.int64))
              for n, v in (("b", [1, 0]), ("e", [3, 0]), ("s", [(1 << 32) + 1]))]
    y = b.add_tensor("y", [2, 5], "INT16", scale=0.1, zero_point=0)
    b.add_operator("STRIDED_SLICE", [x, *consts], [y], end_mask=2)
    b.add_output(y)
    assert_matches_oracle(b.build())


def test_strided_slice_full_copy():
    assert_matches_oracle(_slice_model([2, 3], [0, 0], [2, 3], [1, 1], "INT16"))


def test_strided_slice_rejects_invalid_models():
    rejects(_slice_model([4], [0], [4], [0], out_shape=[4]), "stride of axis 0 is zero")
    rejects(_slice_model([1] * 5, [0] * 5, [1] * 5, [1] * 5), "rank 5 exceeds 4")
    rejects(_slice_model([4], [4], [0], [1], out_shape=[], shrink_axis_mask=1),
             "outside the dimension")
    # TFLM writes nothing for a shrunk axis with a negative stride.
    rejects(_slice_model([4], [2], [0], [-1], out_shape=[], shrink_axis_mask=1),
             "negative stride")
    # Empty index tensors have no buffer, so they are not constants (TFLM agrees).
    rejects(_slice_model([], [], [], [], out_shape=[]), "non-constant begin")
    rejects(_slice_model([4], [1], [3], [1], out_shape=[3]), "output dimension 0 must be 2")
    rejects(_slice_model([4, 2], [1, 0], [3, 2], [1, 1], out_shape=[2]), "must be 2")
    rejects(_slice_model([4], [0, 0][:1], [4], [1], index_type=np.int8, out_shape=[4]),
             "begin tensor holds 1 bytes")
    unsupported(_slice_model([4], [0], [4], [1], "UINT8"))


# -- empty tensors ------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: _unary_model("RESHAPE", [2, 0], [0, 5], "FLOAT32"),
    lambda: _unary_model("SQUEEZE", [1, 0], [0], "FLOAT32"),
    lambda: _unary_model("EXPAND_DIMS", [0], [0, 1], "INT8", [np.array(1, np.int32)]),
    lambda: _unary_model("TRANSPOSE", [0, 2], [2, 0], "INT8", [np.array([1, 0], np.int32)]),
    lambda: _unary_model("PAD", [0, 2], [0, 4], "INT16", [np.array([[0, 0], [1, 1]], np.int32)]),
    lambda: _concat_model([[0, 2], [0, 3]], 1, "INT32"),
    lambda: _slice_model([3, 4], [1, 2], [1, 4], [1, 1]),
])
def test_empty_outputs_run_without_touching_memory(make):
    # TFLM refuses empty op outputs as "dynamic tensors", so there is no oracle here: the
    # kernels must simply never dereference the missing buffers.
    assert run_on_zeros(make())[0].size == 0


# -- TFLM's seanet integration models (int16 PAD and STRIDED_SLICE layers) ----------------

def _seanet_cases():
    return [(op, i) for op, count in (("pad", 19), ("strided_slice", 34)) for i in range(count)]


@pytest.mark.parametrize("op,index", _seanet_cases())
def test_seanet_layer_matches_golden_and_oracle(op, index):
    folder = f"integration_tests/seanet/{op}"
    model = shared_model(f"{folder}/{op}{index}.tflite").read_bytes()
    interp = tflm_host.Interpreter(model)
    read = lambda name: np.loadtxt(shared_model(f"{folder}/{op}{index}_{name}_int16.csv"),
                                   delimiter=",", dtype=np.int16)
    x = read("input0").reshape(interp.get_input_details(0)["shape"])
    interp.set_input(x, 0)
    interp.invoke()
    np.testing.assert_array_equal(interp.get_output(0).reshape(-1), read("golden"))
    assert_matches_oracle(model, [x])
