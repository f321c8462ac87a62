"""BATCH_MATMUL against the oracle on models built here: float, int8 and int16, ranks 2 to 5,
broadcast batch dimensions, adj_x / adj_y, constant and non-constant operands; plus the
invalid models it must reject with a clear error. The values come from TFLM."""
import numpy as np
import pytest

from op_checks import rejects
from oracle import assert_matches_oracle
from tflm_host.builder import ModelBuilder

QUANT = {"INT8": ((0.05, -3), (0.04, 5), (0.5, 2)), "INT16": ((0.01, 0), (0.02, 0), (0.3, 0))}


def _product_shape(lhs, rhs, adj_x, adj_y):
    rank = max(len(lhs), len(rhs))
    l = [1] * (rank - len(lhs)) + list(lhs)
    r = [1] * (rank - len(rhs)) + list(rhs)
    batch = [a if b == 1 else b for a, b in zip(l[:-2], r[:-2])]
    return batch + [l[-1] if adj_x else l[-2], r[-2] if adj_y else r[-1]]


def _matmul_model(dtype, lhs_shape, rhs_shape, adj_x=False, adj_y=False, rhs_const=None,
                  lhs_const=None, quant=None, out_shape=None, out_dtype=None):
    quant = quant or QUANT.get(dtype, ({}, {}, {}))
    q = [dict(scale=s, zero_point=z) for s, z in quant] if dtype != "FLOAT32" else [{}] * 3
    b = ModelBuilder()
    lhs = b.add_constant("lhs", lhs_const, dtype, **q[0]) if lhs_const is not None else \
        b.add_input("lhs", lhs_shape, dtype, **q[0])
    rhs = b.add_constant("rhs", rhs_const, dtype, **q[1]) if rhs_const is not None else \
        b.add_input("rhs", rhs_shape, dtype, **q[1])
    out_shape = out_shape or _product_shape(lhs_shape, rhs_shape, adj_x, adj_y)
    y = b.add_tensor("y", out_shape, out_dtype or dtype, **q[2])
    b.add_operator("BATCH_MATMUL", [lhs, rhs], [y], adj_x=adj_x, adj_y=adj_y)
    b.add_output(y)
    return b.build()


def _random(dtype, shape, rng):
    if dtype == "FLOAT32":
        return rng.uniform(-2, 2, size=shape).astype(np.float32)
    info = np.iinfo(np.int8 if dtype == "INT8" else np.int16)
    return rng.integers(info.min, info.max, size=shape, endpoint=True).astype(info.dtype)


SHAPES = [  # (lhs shape, rhs shape) before adj_x / adj_y
    ([3, 4], [4, 5]),
    ([1, 1], [1, 1]),
    ([2, 3, 4], [2, 4, 5]),
    ([2, 3, 4], [4, 5]),              # RHS broadcast over the batch (lower rank)
    ([3, 4], [2, 4, 6]),              # LHS broadcast
    ([2, 1, 3, 4], [1, 3, 4, 2]),     # both broadcast
    ([2, 5, 3, 4], [2, 1, 4, 3]),     # RHS [..., 1, X, Y]: TFLM's compressed case
    ([2, 1, 2, 3, 4], [1, 2, 1, 4, 3]),  # rank 5
    ([1, 7, 16], [16, 9]),
]


def _adjust(shape, adj):
    return shape[:-2] + [shape[-1], shape[-2]] if adj else shape


@pytest.mark.parametrize("adj_y", [False, True])
@pytest.mark.parametrize("adj_x", [False, True])
@pytest.mark.parametrize("lhs,rhs", SHAPES)
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
def test_batch_matmul_matches_oracle(dtype, lhs, rhs, adj_x, adj_y):
    model = _matmul_model(dtype, _adjust(lhs, adj_x), _adjust(rhs, adj_y), adj_x, adj_y)
    assert_matches_oracle(model, invokes=2)


@pytest.mark.parametrize("adj_y", [False, True])
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
@pytest.mark.parametrize("lhs,rhs", [([3, 4], [4, 5]), ([2, 3, 4], [2, 4, 5]),
                                     ([2, 5, 3, 4], [4, 3]), ([2, 5, 3, 4], [2, 1, 4, 3])])
def test_batch_matmul_constant_rhs(dtype, lhs, rhs, adj_y):
    # A constant RHS is transposed once at Prepare; later invokes must reuse it unchanged.
    rng = np.random.default_rng(5)
    rhs = _adjust(rhs, adj_y)
    model = _matmul_model(dtype, lhs, rhs, adj_y=adj_y, rhs_const=_random(dtype, rhs, rng))
    assert_matches_oracle(model, invokes=3)


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
def test_batch_matmul_constant_lhs(dtype):
    rng = np.random.default_rng(6)
    model = _matmul_model(dtype, [2, 3, 4], [4, 5], adj_x=False,
                          lhs_const=_random(dtype, [2, 3, 4], rng))
    assert_matches_oracle(model, invokes=2)
    model = _matmul_model(dtype, [4, 3], [4, 5], adj_x=True, lhs_const=_random(dtype, [4, 3], rng))
    assert_matches_oracle(model, invokes=2)


@pytest.mark.parametrize("quant", [
    ((0.05, -128), (0.04, 127), (2.0, -128)),   # extreme zero points
    ((0.1, 0), (0.1, 0), (0.01, 0)),            # output far finer: saturates
    ((0.002, 7), (0.003, -9), (0.0005, 3)),
])
def test_batch_matmul_int8_requantization(quant):
    assert_matches_oracle(_matmul_model("INT8", [2, 6, 32], [2, 32, 5], quant=quant), invokes=2)


def test_batch_matmul_int16_requantization():
    for quant in [((0.001, 0), (0.002, 0), (0.05, 0)), ((0.01, 0), (0.01, 0), (0.001, 0))]:
        assert_matches_oracle(_matmul_model("INT16", [3, 40], [40, 6], quant=quant), invokes=2)



@pytest.mark.parametrize("seed", range(12))
def test_batch_matmul_random_shapes(seed):
    # Random ranks 2-5 for each operand, batch dims broadcasting either way, adj flags.
    rng = np.random.default_rng(200 + seed)
    batch_rank = int(rng.integers(0, 4))
    batch = [int(d) for d in rng.integers(1, 4, size=batch_rank)]
    lhs_batch = [d if rng.integers(0, 3) else 1 for d in batch][int(rng.integers(0, batch_rank + 1)):]
    rhs_batch = [d if rng.integers(0, 3) else 1 for d in batch][int(rng.integers(0, batch_rank + 1)):]
    rows, depth, cols = (int(d) for d in rng.integers(1, 9, size=3))
    adj_x, adj_y = (bool(f) for f in rng.integers(0, 2, size=2))
    lhs = lhs_batch + ([depth, rows] if adj_x else [rows, depth])
    rhs = rhs_batch + ([cols, depth] if adj_y else [depth, cols])
    for dtype in ("FLOAT32", "INT8", "INT16"):
        assert_matches_oracle(_matmul_model(dtype, lhs, rhs, adj_x, adj_y))


def test_batch_matmul_rejects_invalid_models():
    rejects(_matmul_model("FLOAT32", [3, 4], [5, 6], out_shape=[3, 6]), "depth 4 does not match")
    rejects(_matmul_model("FLOAT32", [2, 3, 4], [3, 4, 5], out_shape=[3, 3, 5]),
             "does not broadcast")
    rejects(_matmul_model("FLOAT32", [3, 4], [4, 5], out_shape=[5, 3]), "output shape")
    rejects(_matmul_model("FLOAT32", [4], [4, 5], out_shape=[5]), "rank 2 to 5")
    rejects(_matmul_model("FLOAT32", [1, 1, 1, 1, 3, 4], [4, 5], out_shape=[1, 1, 1, 1, 3, 5]),
             "rank 2 to 5")
    rejects(_matmul_model("INT8", [3, 4], [4, 5], out_dtype="INT16"), "output must be INT8")
    rejects(_matmul_model("INT16", [3, 4], [4, 5], quant=((0.1, 1), (0.1, 0), (0.1, 0))),
             "zero points of 0")
    b = ModelBuilder()
    x = b.add_input("x", [3, 4], "FLOAT32")
    w = b.add_input("w", [4, 5], "INT8", scale=0.1, zero_point=0)
    y = b.add_tensor("y", [3, 5], "FLOAT32")
    b.add_operator("BATCH_MATMUL", [x, w], [y])
    b.add_output(y)
    rejects(b.build(), "rhs must be FLOAT32")
    b = ModelBuilder()
    x = b.add_input("x", [3, 4], "INT8", scale=0.1, zero_point=0)
    w = b.add_input("w", [4, 5], "INT8")
    y = b.add_tensor("y", [3, 5], "INT8", scale=0.1, zero_point=0)
    b.add_operator("BATCH_MATMUL", [x, w], [y])
    b.add_output(y)
    rejects(b.build(), "no quantization parameters")
