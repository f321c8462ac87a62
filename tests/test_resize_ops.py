"""RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR against the oracle on models built here (up-
and downscaling, align_corners, half_pixel_centers), plus the invalid models each must reject
with a clear error. The values come from TFLM."""
import numpy as np
import pytest

from op_checks import rejects, unsupported
from oracle import assert_matches_oracle
from tflm_host.builder import ModelBuilder


def _quant(dtype):
    return {"INT8": dict(scale=0.05, zero_point=-3), "INT16": dict(scale=0.01, zero_point=0)}.get(
        dtype, {})


def _resize_model(op, dtype, in_shape, size, out_shape=None, size_dtype=np.int32,
                  size_input=False, **options):
    if out_shape is None:
        out_shape = [in_shape[0], size[0], size[1], in_shape[3]]
    b = ModelBuilder()
    x = b.add_input("x", in_shape, dtype, **_quant(dtype))
    if size_input:
        s = b.add_input("size", [2], "INT32")
    else:
        s = b.add_constant("size", np.array(size, dtype=size_dtype))
    y = b.add_tensor("y", out_shape, dtype, **_quant(dtype))
    b.add_operator(op, [x, s], [y], **options)
    b.add_output(y)
    return b.build()




SHAPES = [  # (input shape, output size)
    ([1, 2, 2, 1], [4, 4]),
    ([1, 3, 3, 2], [4, 4]),    # non-integer ratio
    ([2, 4, 5, 3], [7, 3]),    # up in height, down in width
    ([1, 8, 8, 1], [3, 5]),    # downscaling
    ([1, 5, 4, 2], [5, 4]),    # same size
    ([1, 1, 1, 3], [3, 2]),    # a single pixel
    ([1, 4, 6, 1], [1, 1]),    # to a single pixel (align_corners's output_size 1 case)
    ([3, 3, 7, 4], [9, 16]),
]
MODES = [dict(), dict(align_corners=True), dict(half_pixel_centers=True)]


@pytest.mark.parametrize("mode", MODES + [dict(align_corners=True, half_pixel_centers=True)],
                         ids=["default", "align", "half_pixel", "both"])
@pytest.mark.parametrize("in_shape,size", SHAPES)
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
def test_resize_nearest_neighbor_matches_oracle(dtype, in_shape, size, mode):
    assert_matches_oracle(_resize_model("RESIZE_NEAREST_NEIGHBOR", dtype, in_shape, size,
                                        **mode), invokes=2)


@pytest.mark.parametrize("mode", MODES, ids=["default", "align", "half_pixel"])
@pytest.mark.parametrize("in_shape,size", SHAPES)
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
def test_resize_bilinear_matches_oracle(dtype, in_shape, size, mode):
    assert_matches_oracle(_resize_model("RESIZE_BILINEAR", dtype, in_shape, size, **mode),
                          invokes=2)


@pytest.mark.parametrize("mode", MODES, ids=["default", "align", "half_pixel"])
def test_resize_bilinear_int8_extremes(mode):
    # Full-range values and a checkerboard: the fixed-point rounding of negative and
    # positive sums and the int8 limits.
    model = _resize_model("RESIZE_BILINEAR", "INT8", [1, 4, 4, 2], [11, 7], **mode)
    board = np.where((np.indices((4, 4)).sum(axis=0) % 2) == 0, 127, -128).astype(np.int8)
    assert_matches_oracle(model, [np.stack([board, -1 - board], axis=-1)[None]])



@pytest.mark.parametrize("seed", range(12))
def test_resize_random_sizes(seed):
    # Random input and output sizes (1-13, up and down, odd ratios) in every mode and type.
    rng = np.random.default_rng(300 + seed)
    in_shape = [int(rng.integers(1, 3)), *(int(d) for d in rng.integers(1, 10, size=2)),
                int(rng.integers(1, 4))]
    size = [int(d) for d in rng.integers(1, 14, size=2)]
    for mode in MODES:
        for dtype in ("FLOAT32", "INT8", "INT16"):
            assert_matches_oracle(_resize_model("RESIZE_NEAREST_NEIGHBOR", dtype, in_shape, size,
                                                **mode))
        for dtype in ("FLOAT32", "INT8"):
            assert_matches_oracle(_resize_model("RESIZE_BILINEAR", dtype, in_shape, size, **mode))

def test_resize_bilinear_new_height_option_is_ignored():
    # TFLM takes the size from the size tensor, never from new_height/new_width.
    assert_matches_oracle(_resize_model("RESIZE_BILINEAR", "FLOAT32", [1, 3, 3, 1], [5, 6],
                                        new_height=2, new_width=2))


@pytest.mark.parametrize("op", ["RESIZE_NEAREST_NEIGHBOR", "RESIZE_BILINEAR"])
def test_resize_rejects_invalid_models(op):
    rejects(_resize_model(op, "FLOAT32", [1, 2, 2], [4, 4], out_shape=[1, 4, 4]), "4-D input")
    rejects(_resize_model(op, "FLOAT32", [1, 2, 2, 1], [4, 4], size_dtype=np.int64), "size must be INT32")
    rejects(_resize_model(op, "FLOAT32", [1, 2, 2, 1], [4, 4, 1], out_shape=[1, 4, 4, 1]),
             "two values")
    rejects(_resize_model(op, "FLOAT32", [1, 2, 2, 1], [4, 4], out_shape=[1, 4, 5, 1]),
             r"output shape must be \[1, 4, 4, 1\]")
    rejects(_resize_model(op, "FLOAT32", [1, 2, 2, 1], [0, 4], out_shape=[1, 0, 4, 1]),
             "must be positive")
    rejects(_resize_model(op, "FLOAT32", [1, 2, 2, 1], [4, 4], size_input=True),
             "non-constant size")
    unsupported(_resize_model(op, "INT32", [1, 2, 2, 1], [4, 4]), "INT32 input")


def test_resize_bilinear_rejects_types_and_mode():
    rejects(_resize_model("RESIZE_BILINEAR", "FLOAT32", [1, 2, 2, 1], [4, 4],
                           align_corners=True, half_pixel_centers=True), "half_pixel_centers")
    unsupported(_resize_model("RESIZE_BILINEAR", "INT16", [1, 2, 2, 1], [4, 4]), "INT16 input")
