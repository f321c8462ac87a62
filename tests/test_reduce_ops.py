"""Reductions (SUM, REDUCE_MAX, REDUCE_MIN), ARG_MAX / ARG_MIN and CUMSUM against the oracle
on models built here, plus the invalid models each must reject with a clear error. Output
shapes come from numpy; the values from TFLM."""
import numpy as np
import pytest

import tflm_host
from op_checks import rejects, unsupported
from oracle import assert_matches_oracle
from tflm_host.builder import ModelBuilder

REDUCE_OPS = ["SUM", "REDUCE_MAX", "REDUCE_MIN"]


def _quant_args(dtype, quant):
    return {} if dtype == "FLOAT32" else dict(scale=quant[0], zero_point=quant[1])


def _reduce_model(op, dtype, shape, axes, keep_dims, in_quant=(0.1, 3), out_quant=None,
                  out_shape=None, axis_dtype=np.int32):
    rank = len(shape)
    reduced = {a % rank for a in axes} if rank else set()
    if out_shape is None:
        out_shape = [1 if i in reduced else d for i, d in enumerate(shape)] if keep_dims else \
            [d for i, d in enumerate(shape) if i not in reduced]
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **_quant_args(dtype, in_quant))
    a = b.add_constant("axes", np.array(axes, dtype=axis_dtype))
    y = b.add_tensor("y", out_shape, dtype, **_quant_args(dtype, out_quant or in_quant))
    b.add_operator(op, [x, a], [y], keep_dims=keep_dims)
    b.add_output(y)
    return b.build()




REDUCE_CASES = [  # (input shape, axes)
    ([2, 5, 7, 3], [1, 2]),
    ([2, 5, 7, 3], [-3, -2]),      # negative axes
    ([2, 5, 7, 3], [0]),
    ([2, 5, 7, 3], [-1]),
    ([2, 5, 7, 3], [3, 1]),        # unsorted, not adjacent
    ([2, 5, 7, 3], [0, 2, 3]),
    ([2, 5, 7, 3], [0, 1, 2, 3]),  # everything: one output
    ([2, 5, 7, 3], [1, 1, -3]),    # duplicates count once
    ([2, 3, 4, 3, 2], [1, 3]),     # rank 5
    ([9], [0]),
    ([4, 6], []),                  # no axes: the identity
    ([1, 1, 6, 1], [0, 3]),        # reducing dims of size 1
]


@pytest.mark.parametrize("keep_dims", [True, False])
@pytest.mark.parametrize("shape,axes", REDUCE_CASES)
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
def test_sum_matches_oracle(dtype, shape, axes, keep_dims):
    # int16 and int8 sums requantize into a coarser output scale to keep values in range.
    in_quant, out_quant = ((0.002, 0), (0.05, 0)) if dtype == "INT16" else ((0.1, 3), (0.5, -2))
    assert_matches_oracle(_reduce_model("SUM", dtype, shape, axes, keep_dims, in_quant,
                                        out_quant), invokes=2)


@pytest.mark.parametrize("quant", [
    ((0.1, 3), (0.1, 3)),         # same scale and zero point
    ((0.1, 3), (0.7, -5)),        # requantized
    ((0.05, -128), (0.2, 127)),   # extreme zero points
    ((0.05, 127), (2.0, -128)),
    ((0.3, 0), (0.011, 10)),      # output far finer: saturates
])
@pytest.mark.parametrize("shape,axes", [([1, 8, 8, 4], [1, 2]), ([3, 10, 6], [1]),
                                        ([2, 5, 7, 3], [0, 2, 3])])
def test_sum_int8_requantization(shape, axes, quant):
    assert_matches_oracle(_reduce_model("SUM", "INT8", shape, axes, True, *quant), invokes=2)


def test_sum_int16_requantization():
    assert_matches_oracle(_reduce_model("SUM", "INT16", [3, 10, 6], [1, 2], False,
                                        (0.001, 0), (0.03, 0)), invokes=2)
    assert_matches_oracle(_reduce_model("SUM", "INT16", [4, 5], [0], True,
                                        (0.01, 0), (0.002, 0)))  # saturates


@pytest.mark.parametrize("op", ["REDUCE_MAX", "REDUCE_MIN"])
@pytest.mark.parametrize("keep_dims", [True, False])
@pytest.mark.parametrize("shape,axes", REDUCE_CASES)
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
def test_reduce_min_max_matches_oracle(op, dtype, shape, axes, keep_dims):
    assert_matches_oracle(_reduce_model(op, dtype, shape, axes, keep_dims), invokes=2)


@pytest.mark.parametrize("op", ["REDUCE_MAX", "REDUCE_MIN"])
def test_reduce_min_max_ties_and_extremes(op):
    # Few distinct values: many ties; the type's extremes reach the outputs.
    model = _reduce_model(op, "INT8", [3, 4, 5], [0, 2], False)
    x = np.random.default_rng(1).choice(np.array([-128, 0, 127], np.int8), size=(3, 4, 5))
    assert_matches_oracle(model, [x])
    fmodel = _reduce_model(op, "FLOAT32", [6, 2], [0], True)
    f = np.array([[-0.0, 0.0], [1e30, -1e30], [-3.5, 2.5], [np.inf, -np.inf], [1, 1], [0, 0]],
                 np.float32)
    assert_matches_oracle(fmodel, [f])



@pytest.mark.parametrize("op", REDUCE_OPS)
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
def test_reduce_empty_input(op, dtype):
    # Nothing to combine: outputs keep the initial value (0, lowest, highest).
    assert_matches_oracle(_reduce_model(op, dtype, [0, 3], [0], False))

def test_reduce_rank_6_min_max():
    # REDUCE_MAX/MIN take any rank in TFLM (their index buffer is sized by the rank).
    for op in ("REDUCE_MAX", "REDUCE_MIN"):
        assert_matches_oracle(_reduce_model(op, "FLOAT32", [2, 1, 3, 2, 2, 3], [1, 4], False))


@pytest.mark.parametrize("op", REDUCE_OPS)
def test_reduce_rejects_invalid_models(op):
    rejects(_reduce_model(op, "FLOAT32", [2, 3], [2], False, out_shape=[2]), "out of range")
    rejects(_reduce_model(op, "FLOAT32", [2, 3], [1], False, out_shape=[3]),
             "reduction gives 2")
    rejects(_reduce_model(op, "FLOAT32", [2, 3], [1], False, axis_dtype=np.int64),
             "axis must be INT32")
    unsupported(_reduce_model(op, "INT32", [2, 3], [1], False), "INT32 input")


def _dynamic_axes_model(op, dtype, shape, axis_count, out_shape, in_quant=(0.1, 3),
                        out_quant=(0.1, 3)):
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **_quant_args(dtype, in_quant))
    a = b.add_input("axes", [axis_count], "INT32")
    y = b.add_tensor("y", out_shape, dtype, **_quant_args(dtype, out_quant))
    b.add_operator(op, [x, a], [y], keep_dims=False)
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("op,dtype", [(op, dtype) for op in ["MEAN", *REDUCE_OPS]
                                      for dtype in ["FLOAT32", "INT8", "INT16"]
                                      if dtype != "INT16" or op in ("MEAN", "SUM")])
def test_reduce_axes_from_a_graph_input(op, dtype):
    # TFLM reads the axes in Eval: they may change between invokes (same output size here).
    quant = ((0.01, 0), (0.05, 0)) if dtype == "INT16" else ((0.1, 3), (0.4, -2))
    if op in ("REDUCE_MAX", "REDUCE_MIN"):
        quant = (quant[0], quant[0])
    model = _dynamic_axes_model(op, dtype, [4, 3, 4, 5], 2, [3, 5], *quant)
    x = np.random.default_rng(7).integers(-100, 100, size=(4, 3, 4, 5))
    x = x.astype({"FLOAT32": np.float32, "INT8": np.int8, "INT16": np.int16}[dtype])
    assert_matches_oracle(model, [[x, np.array(a, np.int32)] for a in ([0, 2], [2, -4])])
    interp = tflm_host.Interpreter(model)
    interp.set_input(x, 0)
    for axes, match in (([0, 4], "out of range"), ([0, 0], "reduction gives 60")):
        interp.set_input(np.array(axes, np.int32), 1)
        with pytest.raises(tflm_host.InvokeError, match=match):
            interp.invoke()


def test_sum_rejects_rank_6():
    rejects(_reduce_model("SUM", "FLOAT32", [1, 2, 1, 2, 1, 2], [1], False), "rank <= 5")


@pytest.mark.parametrize("op", ["REDUCE_MAX", "REDUCE_MIN"])
def test_min_max_int8_rejects_requantization(op):
    rejects(_reduce_model(op, "INT8", [2, 3], [1], False, (0.1, 3), (0.2, 3)),
             "same scale and zero point")
    rejects(_reduce_model(op, "INT8", [2, 3], [1], False, (0.1, 3), (0.1, 4)),
             "same scale and zero point")
    unsupported(_reduce_model(op, "INT16", [2, 3], [1], False, (0.1, 0)), "INT16 input")



@pytest.mark.parametrize("seed", range(12))
def test_reduce_random_shapes_and_axes(seed):
    # Random ranks 1-5, sizes, axis lists (negative and repeated) and keep_dims for every op.
    rng = np.random.default_rng(100 + seed)
    rank = int(rng.integers(1, 6))
    shape = [int(d) for d in rng.integers(1, 5, size=rank)]
    axes = [int(a) for a in rng.integers(-rank, rank, size=int(rng.integers(0, rank + 2)))]
    keep_dims = bool(rng.integers(0, 2))
    for op in REDUCE_OPS:
        for dtype in ("FLOAT32", "INT8"):
            assert_matches_oracle(_reduce_model(op, dtype, shape, axes, keep_dims))
    assert_matches_oracle(_reduce_model("SUM", "INT16", shape, axes, keep_dims, (0.002, 0),
                                        (0.05, 0)))

# -- ARG_MAX / ARG_MIN --------------------------------------------------------------------

def _arg_model(op, dtype, shape, axis, out_dtype="INT32", axis_input=False, out_shape=None,
               axis_dtype=np.int32):
    rank = len(shape)
    if out_shape is None:
        out_shape = [d for i, d in enumerate(shape) if i != axis % rank]
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **_quant_args(dtype, (0.1, -4)))
    if axis_input:
        a = b.add_input("axis", [1], "INT32")
    else:
        a = b.add_constant("axis", np.array([axis], dtype=axis_dtype))
    y = b.add_tensor("y", out_shape, out_dtype)
    b.add_operator(op, [x, a], [y], output_type=out_dtype)
    b.add_output(y)
    return b.build()


ARG_CASES = [([5], 0), ([3, 7], 1), ([3, 7], 0), ([3, 7], -1), ([2, 4, 3, 5], 2),
             ([2, 4, 3, 5], -4), ([2, 1, 3, 2, 4], 4), ([4, 1], 1)]


@pytest.mark.parametrize("op", ["ARG_MAX", "ARG_MIN"])
@pytest.mark.parametrize("shape,axis", ARG_CASES)
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
def test_arg_min_max_matches_oracle(op, dtype, shape, axis):
    assert_matches_oracle(_arg_model(op, dtype, shape, axis), invokes=2)


@pytest.mark.parametrize("op", ["ARG_MAX", "ARG_MIN"])
def test_arg_min_max_ties_keep_the_first(op):
    model = _arg_model(op, "INT8", [6, 5], 1)
    x = np.random.default_rng(2).choice(np.array([-128, 5, 127], np.int8), size=(6, 5))
    x[0] = 7  # all equal
    assert_matches_oracle(model, [x])
    fmodel = _arg_model(op, "FLOAT32", [4, 3], 0)
    f = np.array([[0.0, 1, 2], [-0.0, 1, 2], [0.0, -1, 3], [0.0, 5, -2]], np.float32)
    assert_matches_oracle(fmodel, [f])
    nan = np.nan  # NaNs never compare greater or less: first-element NaNs stick, others skip
    assert_matches_oracle(fmodel, [np.array([[nan, 1, 2], [1, nan, 2], [-3, 1, nan],
                                             [2, nan, 0]], np.float32)])


@pytest.mark.parametrize("op", ["ARG_MAX", "ARG_MIN"])
def test_arg_min_max_axis_from_a_graph_input(op):
    model = _arg_model(op, "FLOAT32", [3, 4, 5], 1, axis_input=True)
    x = np.random.default_rng(3).normal(size=(3, 4, 5)).astype(np.float32)
    assert_matches_oracle(model, [x, np.array([1], np.int32)])
    assert_matches_oracle(model, [x, np.array([-2], np.int32)])
    interp = tflm_host.Interpreter(model)  # checked per invoke: out of range, wrong axis
    interp.set_input(x, 0)
    for bad, match in ((3, "out of range"), (2, "does not drop axis 2")):
        interp.set_input(np.array([bad], np.int32), 1)
        with pytest.raises(tflm_host.InvokeError, match=match):
            interp.invoke()


@pytest.mark.parametrize("op", ["ARG_MAX", "ARG_MIN"])
def test_arg_min_max_rejects_invalid_models(op):
    rejects(_arg_model(op, "FLOAT32", [3, 4], 1, out_dtype="INT64"), "output must be INT32")
    rejects(_arg_model(op, "FLOAT32", [3, 4], 1, axis_dtype=np.int64), "axis must be INT32")
    rejects(_arg_model(op, "FLOAT32", [3, 4], 2, out_shape=[3]), "out of range")
    rejects(_arg_model(op, "FLOAT32", [3, 4], 1, out_shape=[4]), "does not drop axis 1")
    unsupported(_arg_model(op, "INT16", [3, 4], 1), "INT16 input")
    unsupported(_arg_model(op, "UINT8", [3, 4], 1), "UINT8 input")


# -- CUMSUM -------------------------------------------------------------------------------

def _cumsum_model(dtype, shape, axis, exclusive=False, reverse=False, in_quant=(0.05, -3),
                  out_quant=(0.25, 2), axis_input=False, axis_values=None):
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **_quant_args(dtype, in_quant))
    if axis_input:
        a = b.add_input("axis", [1], "INT32")
    else:
        a = b.add_constant("axis", np.array([axis] if axis_values is None else axis_values,
                                            dtype=np.int32))
    y = b.add_tensor("y", shape, dtype, **_quant_args(dtype, out_quant))
    b.add_operator("CUMSUM", [x, a], [y], exclusive=exclusive, reverse=reverse)
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("exclusive", [False, True])
@pytest.mark.parametrize("shape,axis", [([7], 0), ([3, 6], 1), ([3, 6], 0), ([2, 3, 4, 5], 2),
                                        ([2, 3, 4, 5], -1), ([2, 3, 4, 5], -4), ([1, 9, 1], 1)])
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
def test_cumsum_matches_oracle(dtype, shape, axis, exclusive, reverse):
    assert_matches_oracle(_cumsum_model(dtype, shape, axis, exclusive, reverse), invokes=2)


@pytest.mark.parametrize("quant", [((0.05, -3), (0.05, -3)), ((0.1, 0), (0.5, 0)),
                                   ((0.02, -128), (0.3, 127)), ((0.2, 127), (0.05, -128))])
def test_cumsum_int8_requantization(quant):
    # TFLM starts each running sum at the rescaled -input_zero_point (a quirk matched here).
    assert_matches_oracle(_cumsum_model("INT8", [4, 8], 1, in_quant=quant[0],
                                        out_quant=quant[1]), invokes=2)


def test_cumsum_axis_from_a_graph_input():
    model = _cumsum_model("FLOAT32", [3, 4], 0, axis_input=True, reverse=True)
    x = np.random.default_rng(4).normal(size=(3, 4)).astype(np.float32)
    for axis in (0, 1, -1):
        assert_matches_oracle(model, [x, np.array([axis], np.int32)])
    interp = tflm_host.Interpreter(model)
    interp.set_input(x, 0)
    interp.set_input(np.array([2], np.int32), 1)
    with pytest.raises(tflm_host.InvokeError, match="out of range"):
        interp.invoke()


def test_cumsum_rejects_invalid_models():
    rejects(_cumsum_model("FLOAT32", [3, 4], 2), "out of range")
    rejects(_cumsum_model("FLOAT32", [3, 4], 0, axis_values=[0, 1]), "one value")
    rejects(_cumsum_model("INT8", [3, 4], 0, in_quant=(1.0, 0), out_quant=(1e-7, 0)),
             "below 1")
    unsupported(_cumsum_model("INT16", [3, 4], 0, in_quant=(0.1, 0)), "INT16 input")
    b = ModelBuilder()
    x = b.add_input("x", [3, 4], "FLOAT32")
    a = b.add_constant("axis", np.array([0], np.int32))
    y = b.add_tensor("y", [4, 3], "FLOAT32")
    b.add_operator("CUMSUM", [x, a], [y])
    b.add_output(y)
    rejects(b.build(), "equal the input shape")


# -- invoke allocates nothing, for every op of this file and its siblings -----------------

def test_invoke_allocates_nothing(tmp_path):
    from test_batch_matmul import _matmul_model
    from test_no_allocation import invoke_malloc_counts
    from test_resize_ops import _resize_model

    rhs = np.ones([4, 5], np.int8)
    models = {
        "sum_int8": _reduce_model("SUM", "INT8", [2, 5, 7, 3], [1, 2], False),
        "mean_int16": _reduce_model("MEAN", "INT16", [2, 5, 7, 3], [0, 3], True, (0.01, 0)),
        "max_float": _reduce_model("REDUCE_MAX", "FLOAT32", [2, 5, 7, 3], [3], False),
        "mean_axes_input": _dynamic_axes_model("MEAN", "INT8", [4, 3, 4, 5], 1, [3, 4, 5]),
        "min_int8": _reduce_model("REDUCE_MIN", "INT8", [2, 5, 7, 3], [0, 1, 2], True),
        "argmax_axis_input": _arg_model("ARG_MAX", "FLOAT32", [3, 4, 5], 0, axis_input=True),
        "argmin_int8": _arg_model("ARG_MIN", "INT8", [3, 4, 5], 2),
        "cumsum_axis_input": _cumsum_model("INT8", [3, 4], 0, axis_input=True, reverse=True),
        "nearest": _resize_model("RESIZE_NEAREST_NEIGHBOR", "INT16", [1, 3, 3, 2], [5, 4]),
        "bilinear": _resize_model("RESIZE_BILINEAR", "INT8", [1, 3, 3, 2], [5, 4],
                                  half_pixel_centers=True),
        "matmul_adj_x": _matmul_model("FLOAT32", [2, 4, 3], [2, 4, 5], adj_x=True),
        "matmul_const_rhs": _matmul_model("INT8", [2, 3, 4], [4, 5], rhs_const=rhs),
        "matmul_int16": _matmul_model("INT16", [3, 4], [5, 4], adj_y=True),
    }
    paths = []
    for name, model in models.items():
        path = tmp_path / f"{name}.tflite"
        path.write_bytes(model)
        paths.append(str(path))
    assert invoke_malloc_counts(paths, tmp_path) == {p: 0 for p in paths}
