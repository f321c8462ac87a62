"""GATHER, GATHER_ND and EMBEDDING_LOOKUP against the oracle on models built here: negative
axes, batch dims, index tensors from the graph, out-of-range indices (an InvokeError here, an
invoke failure in TFLM) and the invalid models each must reject. Expected output shapes come
from numpy; the values from TFLM."""
import numpy as np
import pytest

import tflm_host
from op_checks import rejects, run_on_zeros, unsupported
from oracle import assert_matches_oracle, run_oracle
from tflm_host.builder import ModelBuilder

NUMPY = {"FLOAT32": np.float32, "INT8": np.int8, "INT16": np.int16, "INT32": np.int32}


def _quant(dtype):
    return {"scale": 0.05, "zero_point": -3} if dtype == "INT8" else {}


def _values(shape, dtype, rng):
    if dtype == "FLOAT32":
        return rng.uniform(-2, 2, shape).astype(np.float32)
    info = np.iinfo(NUMPY[dtype])
    return rng.integers(info.min, info.max, shape, endpoint=True).astype(NUMPY[dtype])


def _fails_in_both(model, inputs, match):
    """An index TFLM rejects while running: its invoke fails, and ours raises InvokeError."""
    with pytest.raises(RuntimeError):
        run_oracle(model, [inputs])
    for variant in ("reference", "optimized"):
        interp = tflm_host.Interpreter(model, kernels=variant)
        for i, x in enumerate(inputs):
            interp.set_input(x, i)
        with pytest.raises(tflm_host.InvokeError, match=match):
            interp.invoke()


# -- GATHER -------------------------------------------------------------------------------

def _numpy_gather(x, idx, axis, batch_dims):
    """tf.gather with batch_dims, by loops over the batch dimensions."""
    if batch_dims == 0:
        return np.take(x, idx, axis=axis)
    return np.stack([_numpy_gather(x[i], idx[i], axis - 1, batch_dims - 1)
                     for i in range(x.shape[0])])


def _gather_model(shape, idx_shape, axis, dtype, batch_dims=0, constant_indices=None,
                  out_shape=None, index_type="INT32"):
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **_quant(dtype))
    i = (b.add_constant("i", constant_indices) if constant_indices is not None
         else b.add_input("i", idx_shape, index_type))
    if out_shape is None:
        rank = len(shape)
        resolved_axis = axis % rank
        resolved_batch = batch_dims % len(idx_shape) if batch_dims < 0 else batch_dims
        out_shape = _numpy_gather(np.zeros(shape), np.zeros(idx_shape, int), resolved_axis,
                                  resolved_batch).shape
    y = b.add_tensor("y", out_shape, dtype, **_quant(dtype))
    b.add_operator("GATHER", [x, i], [y], axis=axis, batch_dims=batch_dims)
    b.add_output(y)
    return b.build()


GATHERS = [([5], [3], 0, 0), ([4, 3], [2], 0, 0), ([4, 3], [5], 1, 0), ([4, 3], [2, 2], -1, 0),
           ([2, 3, 4], [3, 2], 1, 0), ([2, 3, 4], [], -2, 0), ([2, 3, 4], [6], 2, 0),
           ([2, 3, 4, 2], [1, 3], -3, 0), ([2, 3, 4], [2, 5], 1, 1), ([2, 3, 4], [2, 3, 2], 2, 2),
           ([2, 3, 4], [2, 4], 2, -1), ([2, 3, 4, 5], [2, 3, 2], -1, 1)]


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
@pytest.mark.parametrize("shape,idx_shape,axis,batch_dims", GATHERS)
def test_gather(dtype, shape, idx_shape, axis, batch_dims):
    model = _gather_model(shape, idx_shape, axis, dtype, batch_dims)
    rng = np.random.default_rng(len(shape) * 10 + len(idx_shape))
    axis_size = shape[axis]
    sets = [[_values(shape, dtype, rng),
             rng.integers(0, axis_size, idx_shape).astype(np.int32)] for _ in range(2)]
    assert_matches_oracle(model, sets)


@pytest.mark.parametrize("seed", range(20))
def test_gather_random(seed):
    rng = np.random.default_rng(seed)
    rank = int(rng.integers(1, 5))
    shape = [int(d) for d in rng.integers(1, 5, rank)]
    axis = int(rng.integers(0, rank))
    batch_dims = int(rng.integers(0, axis + 1))
    idx_shape = shape[:batch_dims] + [int(d) for d in rng.integers(1, 4, rng.integers(0, 3))]
    signed_axis = axis - rank if rng.random() < 0.5 else axis
    model = _gather_model(shape, idx_shape, signed_axis, "INT8", batch_dims)
    sets = [[_values(shape, "INT8", rng),
             rng.integers(0, shape[axis], idx_shape).astype(np.int32)] for _ in range(2)]
    assert_matches_oracle(model, sets)


def test_gather_matches_numpy_with_batch_dims():
    x = np.arange(2 * 3 * 4, dtype=np.float32).reshape(2, 3, 4)
    idx = np.array([[3, 0, 1], [2, 2, 0]], np.int32)
    interp = tflm_host.Interpreter(_gather_model([2, 3, 4], [2, 3], 2, "FLOAT32", batch_dims=1))
    interp.set_input(x, 0)
    interp.set_input(idx, 1)
    interp.invoke()
    np.testing.assert_array_equal(interp.get_output(0), _numpy_gather(x, idx, 2, 1))


def test_gather_scalar_index_drops_the_axis():
    model = _gather_model([3, 2, 2], [], 1, "INT8")
    x = np.arange(12, dtype=np.int8).reshape(3, 2, 2)
    assert_matches_oracle(model, [[x, np.array(i, np.int32)] for i in (1, 0)])


def test_gather_constant_indices():
    indices = np.array([[2, 0], [1, 1]], np.int32)
    assert_matches_oracle(_gather_model([3, 4], None, 0, "INT8", constant_indices=indices,
                                        out_shape=[2, 2, 4]), invokes=2)


@pytest.mark.parametrize("bad", [-1, 3, 1 << 30])
def test_gather_out_of_range_index_fails_the_invoke(bad):
    model = _gather_model([3, 2], [2], 0, "FLOAT32")
    _fails_in_both(model, [np.ones([3, 2], np.float32), np.array([1, bad], np.int32)],
                   "outside the gathered axis")


def test_gather_checks_indices_of_every_batch():
    # The index used for batch 1 is out of range though batch 0's same position is not.
    model = _gather_model([2, 3], [2, 1], 1, "INT8", batch_dims=1)
    _fails_in_both(model, [np.ones([2, 3], np.int8), np.array([[2], [3]], np.int32)],
                   "outside the gathered axis")


def test_gather_rejects_invalid_models():
    rejects(_gather_model([3, 2], [2], 2, "FLOAT32", out_shape=[3, 2]), "axis 2 is out of range")
    rejects(_gather_model([3, 2], [2], -3, "FLOAT32", out_shape=[3, 2]), "out of range")
    rejects(_gather_model([2, 3], [2, 2], 0, "FLOAT32", batch_dims=1, out_shape=[2, 2, 3]),
            "batch_dims 1 must lie")
    rejects(_gather_model([2, 3], [3, 2], 1, "FLOAT32", batch_dims=1, out_shape=[2, 2]),
            "batch dimension 0 is 2 in the input, 3 in the indices")
    rejects(_gather_model([3, 2], [2], 0, "FLOAT32", out_shape=[4]),
            r"output shape is \[4\], expected \[2, 2\]")
    rejects(_gather_model([3, 2], [2], 0, "FLOAT32", index_type="INT64", out_shape=[2, 2]),
            "indices must be INT32")
    unsupported(_gather_model([3, 2], [2], 0, "INT16"))


# -- GATHER_ND ----------------------------------------------------------------------------

def _gather_nd_model(shape, idx_shape, dtype, out_shape=None):
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **_quant(dtype))
    i = b.add_input("i", idx_shape, "INT32")
    if out_shape is None:
        out_shape = list(idx_shape[:-1]) + list(shape[idx_shape[-1]:])
    y = b.add_tensor("y", out_shape, dtype, **_quant(dtype))
    b.add_operator("GATHER_ND", [x, i], [y])
    b.add_output(y)
    return b.build()


GATHER_NDS = [([5], [3, 1]), ([4, 3], [2, 2]), ([4, 3], [2, 1]), ([4, 3], [1]), ([2, 3, 4], [3]),
              ([2, 3, 4], [2, 2, 2]), ([2, 3, 4, 2], [5, 1]), ([2, 3, 2, 2, 3], [2, 5]),
              ([3, 2, 2, 2, 2, 2], [4, 3]), ([4, 3], [2, 0])]


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
@pytest.mark.parametrize("shape,idx_shape", GATHER_NDS)
def test_gather_nd(dtype, shape, idx_shape):
    model = _gather_nd_model(shape, idx_shape, dtype)
    rng = np.random.default_rng(len(shape) * 10 + idx_shape[-1])
    depth = idx_shape[-1]
    sets = []
    for _ in range(2):
        idx = np.zeros(idx_shape, np.int32)
        for d in range(depth):
            idx[..., d] = rng.integers(0, shape[d], idx_shape[:-1])
        sets.append([_values(shape, dtype, rng), idx])
    assert_matches_oracle(model, sets)


def test_gather_nd_checks_only_the_flat_position():
    # TFLM accepts [0, 5] in a [3, 2] tensor: it is flat element 5, inside the tensor.
    model = _gather_nd_model([3, 2], [2, 2], "FLOAT32")
    x = np.arange(6, dtype=np.float32).reshape(3, 2)
    assert_matches_oracle(model, [x, np.array([[0, 5], [3, -1]], np.int32)])
    interp = tflm_host.Interpreter(model)
    interp.set_input(x, 0)
    interp.set_input(np.array([[0, 5], [3, -1]], np.int32), 1)
    interp.invoke()
    np.testing.assert_array_equal(interp.get_output(0), [5, 5])


@pytest.mark.parametrize("index", [[[3]], [[-1]], [[2, 2]]])
def test_gather_nd_out_of_range_slice_fails_the_invoke(index):
    index = np.array(index, np.int32)
    model = _gather_nd_model([3, 2], list(index.shape), "INT8")
    _fails_in_both(model, [np.ones([3, 2], np.int8), index], "outside params")


def test_gather_nd_rejects_invalid_models():
    rejects(_gather_nd_model([3, 2], [1, 3], "FLOAT32", out_shape=[1]), "depth 3 exceeds")
    rejects(_gather_nd_model([2] * 6, [1, 6], "FLOAT32", out_shape=[1]), "depth 6 exceeds 5")
    rejects(_gather_nd_model([3, 2], [2, 1], "FLOAT32", out_shape=[2]),
            r"output shape is \[2\], expected \[2, 2\]")
    unsupported(_gather_nd_model([3, 2], [2, 1], "INT32"))
    b = ModelBuilder()
    x = b.add_input("x", [3, 2], "FLOAT32")
    i = b.add_input("i", [2, 1], "INT16")
    y = b.add_tensor("y", [2, 2], "FLOAT32")
    b.add_operator("GATHER_ND", [x, i], [y])
    b.add_output(y)
    rejects(b.build(), "indices must be INT32")


# -- EMBEDDING_LOOKUP ---------------------------------------------------------------------

def _embedding_model(table_shape, lookups, table_dtype, out_dtype=None, table=None,
                     table_quant=None, out_shape=None):
    """lookup (graph input) x table (constant when given, else a graph input) -> rows."""
    b = ModelBuilder()
    i = b.add_input("i", [lookups], "INT32")
    quant = _quant(table_dtype) if table_quant is None else table_quant
    t = (b.add_constant("t", table, **quant) if table is not None
         else b.add_input("t", table_shape, table_dtype, **quant))
    out_dtype = out_dtype or table_dtype
    y = b.add_tensor("y", out_shape or [lookups] + list(table_shape[1:]), out_dtype,
                     **(_quant(out_dtype) if out_dtype == table_dtype else {}))
    b.add_operator("EMBEDDING_LOOKUP", [i, t], [y])
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
@pytest.mark.parametrize("table_shape,lookups", [([5, 3], 4), ([3, 2, 4], 6), ([1, 7], 1),
                                                 ([4, 2, 2, 3], 2)])
def test_embedding_lookup(dtype, table_shape, lookups):
    model = _embedding_model(table_shape, lookups, dtype)
    rng = np.random.default_rng(lookups)
    sets = [[rng.integers(0, table_shape[0], [lookups]).astype(np.int32),
             _values(table_shape, dtype, rng)] for _ in range(2)]
    assert_matches_oracle(model, sets)


@pytest.mark.parametrize("scale", [0.05, 1.0 / 3.0, 7.5e-4])
def test_embedding_lookup_hybrid_dequantizes_int8_rows(scale):
    rng = np.random.default_rng(3)
    table = rng.integers(-128, 127, [6, 2, 5], endpoint=True).astype(np.int8)
    model = _embedding_model([6, 2, 5], 4, "INT8", "FLOAT32", table=table,
                             table_quant={"scale": scale, "zero_point": 0})
    lookups = [np.array(r, np.int32) for r in ([5, 0, 3, 3], [1, 2, 4, 0])]
    assert_matches_oracle(model, [[x] for x in lookups])
    interp = tflm_host.Interpreter(model)
    interp.set_input(lookups[0], 0)
    interp.invoke()
    np.testing.assert_array_equal(interp.get_output(0), table[lookups[0]] * np.float32(scale))


@pytest.mark.parametrize("bad", [-1, 5])
def test_embedding_lookup_out_of_range_row_fails_the_invoke(bad):
    table = np.arange(10, dtype=np.float32).reshape(5, 2)
    model = _embedding_model([5, 2], 3, "FLOAT32", table=table)
    _fails_in_both(model, [np.array([0, bad, 1], np.int32)], "outside the table")
    hybrid = _embedding_model([5, 2], 2, "INT8", "FLOAT32", table=table.astype(np.int8),
                              table_quant={"scale": 0.5, "zero_point": 0})
    _fails_in_both(hybrid, [np.array([bad, 0], np.int32)], "outside the table")


def test_embedding_lookup_rejects_invalid_models():
    q = {"scale": 0.5, "zero_point": 2}
    table = np.zeros([4, 2], np.int8)
    rejects(_embedding_model([4, 2], 2, "INT8", "FLOAT32", table=table, table_quant=q),
            "zero point 0")
    rejects(_embedding_model([4], 2, "FLOAT32", out_shape=[2]), "rank 2 or more")
    rejects(_embedding_model([4, 2], 2, "FLOAT32", out_shape=[2, 3]),
            r"output shape is \[2, 3\], expected \[2, 2\]")
    rejects(_embedding_model([4, 2], 2, "FLOAT32", "INT8"), "output must be FLOAT32")
    unsupported(_embedding_model([4, 2], 2, "INT16", table_quant={}),
                "EMBEDDING_LOOKUP on INT16 input 1")
    b = ModelBuilder()
    i = b.add_input("i", [2, 1], "INT32")
    t = b.add_input("t", [4, 2], "FLOAT32")
    y = b.add_tensor("y", [2, 2], "FLOAT32")
    b.add_operator("EMBEDDING_LOOKUP", [i, t], [y])
    b.add_output(y)
    rejects(b.build(), "lookup must be a vector")


# -- empty tensors ------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: _gather_model([3, 2], [0], 0, "FLOAT32"),
    lambda: _gather_nd_model([3, 2], [0, 1], "INT8"),
    lambda: _embedding_model([0, 2], 0, "FLOAT32"),
])
def test_empty_tensors_run_without_touching_memory(make):
    # TFLM refuses empty op outputs as "dynamic tensors", so there is no oracle here: the
    # kernels must simply never dereference the missing buffers.
    assert run_on_zeros(make())[0].size == 0
