"""EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, LOGICAL_AND, LOGICAL_OR,
LOGICAL_NOT and SELECT_V2 against the oracle on models built here: every type TFLM runs them
on (bool tensors, quantized int8 comparisons that rescale both inputs), broadcasting up
to 6-D,
and the models Prepare must reject (int16 GREATER, which the oracle's TFLM leaves
unscaled)."""
import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle, run_host
from tflm_host.builder import ModelBuilder

COMPARISONS = ["EQUAL", "NOT_EQUAL", "LESS", "LESS_EQUAL", "GREATER", "GREATER_EQUAL"]
# The input types TFLM's Eval switch handles for each comparison.
COMPARISON_TYPES = {op: ["FLOAT32", "INT32", "INT64", "INT8"] for op in COMPARISONS}
COMPARISON_TYPES["EQUAL"] += ["BOOL"]
COMPARISON_TYPES["NOT_EQUAL"] += ["BOOL"]

BROADCAST_SHAPES = [([2, 3, 4], [2, 3, 4]), ([2, 3, 4], [4]), ([5], [3, 1]),
                    ([1, 4, 1, 3], [2, 1, 5, 1]), ([3, 2], []), ([1], [2, 3]),
                    ([2, 1, 3, 1, 2], [1, 2, 1, 2, 1]), ([2, 1, 2, 1, 2, 1], [1, 2, 1, 2, 1, 3])]


def q(scale, zero_point):
    return dict(scale=scale, zero_point=zero_point)


DEFAULT_QUANT = {"INT8": (q(0.05, -3), q(0.08, 7)), "INT16": (q(0.001, 0), q(0.0015, 0))}


def compare_model(op, dtype, shape1, shape2, quant=None, out_dtype="BOOL"):
    quant = quant or DEFAULT_QUANT.get(dtype, ({}, {}))
    out_shape = list(np.broadcast_shapes(tuple(shape1), tuple(shape2)))
    b = ModelBuilder()
    x = b.add_input("x", shape1, dtype, **quant[0])
    y = b.add_input("y", shape2, dtype, **quant[1])
    z = b.add_tensor("z", out_shape, out_dtype)
    b.add_operator(op, [x, y], [z])
    b.add_output(z)
    return b.build()


def values(dtype, shape, rng, small=False):
    """Random values with many ties (small ranges) so equality is exercised too."""
    if dtype == "BOOL":
        return rng.integers(0, 2, size=shape).astype(bool)
    if dtype == "FLOAT32":
        return rng.integers(-4, 5, size=shape).astype(np.float32) * np.float32(0.5)
    np_type = {"INT8": np.int8, "INT16": np.int16, "INT32": np.int32, "INT64": np.int64}[dtype]
    info = np.iinfo(np_type)
    if small:
        return rng.integers(-3, 4, size=shape).astype(np_type)
    return rng.integers(info.min, info.max, size=shape, endpoint=True).astype(np_type)


@pytest.mark.parametrize("op,dtype", [(op, t) for op in COMPARISONS for t in COMPARISON_TYPES[op]])
@pytest.mark.parametrize("shape1,shape2", BROADCAST_SHAPES)
def test_comparisons(op, dtype, shape1, shape2):
    rng = np.random.default_rng(len(shape1) * 10 + len(shape2))
    small = dtype not in ("INT8", "INT16")
    inputs = [[values(dtype, shape1, rng, small), values(dtype, shape2, rng, small)]
              for _ in range(2)]
    assert_matches_oracle(compare_model(op, dtype, shape1, shape2), inputs)


def test_int64_comparisons_use_all_64_bits():
    a = np.array([2**40, -2**40, 2**62, 5], np.int64)
    b = np.array([2**40 + 1, -2**40, -2**62, 5 + 2**33], np.int64)
    for op in COMPARISONS:
        assert_matches_oracle(compare_model(op, "INT64", [4], [4]), [a, b])


def test_float_comparisons_with_nan_inf_and_signed_zero():
    a = np.array([np.nan, np.nan, 1.0, np.inf, -np.inf, -0.0, 0.0, np.inf], np.float32)
    b = np.array([np.nan, 1.0, np.nan, np.inf, np.inf, 0.0, -0.0, 3e38], np.float32)
    for op in COMPARISONS:
        assert_matches_oracle(compare_model(op, "FLOAT32", [8], [8]), [a, b])


# Quantized comparisons compare real values: different scales and zero points, equal reals
# from different integers, extreme zero points.
INT8_COMPARISON_QUANT = [(q(0.05, -3), q(0.05, -3)), (q(0.1, 0), q(0.05, 0)),
                         (q(0.02, -128), q(0.9, 127)), (q(0.5, 100), q(0.25, -100))]


@pytest.mark.parametrize("op", COMPARISONS)
@pytest.mark.parametrize("quant", INT8_COMPARISON_QUANT)
def test_int8_comparisons_rescale(op, quant):
    a = np.arange(-128, 128, dtype=np.int32).astype(np.int8)
    rng = np.random.default_rng(12)
    b = rng.permutation(a)
    assert_matches_oracle(compare_model(op, "INT8", [256], [256], quant), [a, b])
    # a broadcast scalar against every value
    assert_matches_oracle(compare_model(op, "INT8", [256], [1], quant), [a, b[:1]])


def test_int16_greater_is_rejected():
    # TFLM's GREATER accepts int16, but the oracle's Prepare never sets the int16 rescaling, so
    # it rescales with whatever its persistent memory holds: all false in a fresh process,
    # anything later. Rejecting beats copying that.
    model = compare_model("GREATER", "INT16", [8], [8])
    with pytest.raises((tflm_host.PrepareError, tflm_host.UnsupportedOpError),
                       match="GREATER|supported"):
        tflm_host.Interpreter(model)


@pytest.mark.parametrize("op,dtype", [("LESS", "INT16"), ("EQUAL", "INT16"), ("LESS", "BOOL"),
                                      ("GREATER", "BOOL"), ("EQUAL", "UINT8")])
def test_unsupported_comparison_types_raise(op, dtype):
    quant = (q(0.1, 0), q(0.1, 0)) if dtype in ("INT16", "UINT8") else ({}, {})
    with pytest.raises((tflm_host.PrepareError, tflm_host.UnsupportedOpError),
                       match=f"{op}|supported"):
        tflm_host.Interpreter(compare_model(op, dtype, [3], [3], quant))


def test_comparison_checks():
    with pytest.raises(tflm_host.PrepareError, match="output must be BOOL"):
        tflm_host.Interpreter(compare_model("LESS", "FLOAT32", [3], [3], out_dtype="INT8"))
    # TFLM aborts on a quantized comparison with a scale of 1 or more.
    with pytest.raises(tflm_host.PrepareError, match="must be below 1"):
        tflm_host.Interpreter(compare_model("LESS", "INT8", [3], [3], (q(1.5, 0), q(0.1, 0))))
    with pytest.raises(tflm_host.PrepareError, match="no quantization"):
        tflm_host.Interpreter(compare_model("LESS", "INT8", [3], [3], ({}, {})))


# -- logical ops ------------------------------------------------------------------------------

def logical_model(op, shape1, shape2=None, dtype="BOOL"):
    b = ModelBuilder()
    x = b.add_input("x", shape1, dtype)
    inputs = [x]
    out_shape = shape1
    if shape2 is not None:
        inputs.append(b.add_input("y", shape2, dtype))
        out_shape = list(np.broadcast_shapes(tuple(shape1), tuple(shape2)))
    z = b.add_tensor("z", out_shape, dtype)
    b.add_operator(op, inputs, [z])
    b.add_output(z)
    return b.build()


@pytest.mark.parametrize("op", ["LOGICAL_AND", "LOGICAL_OR"])
@pytest.mark.parametrize("shape1,shape2", BROADCAST_SHAPES[:6])
def test_logical_binary(op, shape1, shape2):
    assert_matches_oracle(logical_model(op, shape1, shape2), invokes=3)


@pytest.mark.parametrize("shape", [[7], [2, 3, 4], [1, 2, 1, 2, 3]])
def test_logical_not(shape):
    assert_matches_oracle(logical_model("LOGICAL_NOT", shape), invokes=3)


@pytest.mark.parametrize("op,shape2", [("LOGICAL_AND", [3]), ("LOGICAL_OR", [3]),
                                       ("LOGICAL_NOT", None)])
def test_logical_ops_need_bool(op, shape2):
    # TFLM would reinterpret int8 bytes as bools; here it is an error.
    with pytest.raises((tflm_host.PrepareError, tflm_host.UnsupportedOpError), match="BOOL|bool"):
        tflm_host.Interpreter(logical_model(op, [3], shape2, dtype="INT8"))


def test_logical_broadcast_beyond_4d_is_rejected():
    with pytest.raises(tflm_host.PrepareError, match="at most 4 dimensions"):
        tflm_host.Interpreter(logical_model("LOGICAL_AND", [2, 1, 2, 1, 2], [1, 2, 1, 2, 1]))


def test_comparison_feeds_logical_and_select():
    # A small graph: (x > y) and not (x == 0), then select x or y.
    b = ModelBuilder()
    x = b.add_input("x", [2, 5], "FLOAT32")
    y = b.add_input("y", [5], "FLOAT32")
    zero = b.add_constant("zero", np.zeros([1], np.float32))
    gt = b.add_tensor("gt", [2, 5], "BOOL")
    eq = b.add_tensor("eq", [2, 5], "BOOL")
    ne = b.add_tensor("ne", [2, 5], "BOOL")
    both = b.add_tensor("both", [2, 5], "BOOL")
    out = b.add_tensor("out", [2, 5], "FLOAT32")
    b.add_operator("GREATER", [x, y], [gt])
    b.add_operator("EQUAL", [x, zero], [eq])
    b.add_operator("LOGICAL_NOT", [eq], [ne])
    b.add_operator("LOGICAL_AND", [gt, ne], [both])
    b.add_operator("SELECT_V2", [both, x, y], [out])
    b.add_output(out)
    b.add_output(both)
    rng = np.random.default_rng(14)
    inputs = [[rng.integers(-2, 3, size=[2, 5]).astype(np.float32),
               rng.integers(-2, 3, size=[5]).astype(np.float32)] for _ in range(3)]
    assert_matches_oracle(b.build(), inputs)


# -- SELECT_V2 --------------------------------------------------------------------------------

SELECT_QUANT = {"INT8": q(0.1, 2), "INT16": q(0.01, 0), "FLOAT32": {}}


def select_model(dtype, cond_shape, x_shape, y_shape, out_shape=None, cond_dtype="BOOL"):
    if out_shape is None:
        out_shape = list(np.broadcast_shapes(tuple(cond_shape), tuple(x_shape), tuple(y_shape)))
    quant = SELECT_QUANT.get(dtype, {})
    b = ModelBuilder()
    c = b.add_input("c", cond_shape, cond_dtype)
    x = b.add_input("x", x_shape, dtype, **quant)
    y = b.add_input("y", y_shape, dtype, **quant)
    z = b.add_tensor("z", out_shape, dtype, **quant)
    b.add_operator("SELECT_V2", [c, x, y], [z])
    b.add_output(z)
    return b.build()


SELECT_SHAPES = [([2, 3], [2, 3], [2, 3]), ([1, 2, 2, 2, 3],) * 3, ([3], [2, 3], [2, 3]),
                 ([2, 1], [2, 3], [3]), ([], [2, 3], [1]), ([1, 1], [1], []),
                 ([2, 1, 3, 1, 2], [1, 2, 1, 4, 1], [2, 2, 1, 1, 2]), ([1], [1], [1])]


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
@pytest.mark.parametrize("shapes", SELECT_SHAPES)
def test_select_v2(dtype, shapes):
    assert_matches_oracle(select_model(dtype, *shapes), invokes=2, seed=len(shapes[0]))


def test_select_v2_checks():
    with pytest.raises((tflm_host.PrepareError, tflm_host.UnsupportedOpError), match="SELECT_V2"):
        tflm_host.Interpreter(select_model("INT32", [3], [3], [3]))
    with pytest.raises((tflm_host.PrepareError, tflm_host.UnsupportedOpError), match="BOOL|bool"):
        tflm_host.Interpreter(select_model("FLOAT32", [3], [3], [3], cond_dtype="INT8"))
    with pytest.raises(tflm_host.PrepareError, match="broadcast"):
        tflm_host.Interpreter(select_model("FLOAT32", [2], [3], [3], out_shape=[3]))
    with pytest.raises(tflm_host.PrepareError, match="output dimension"):
        tflm_host.Interpreter(select_model("FLOAT32", [1], [3], [3], out_shape=[2, 3]))
    with pytest.raises(tflm_host.PrepareError, match="at most 5 dimensions"):
        tflm_host.Interpreter(select_model("FLOAT32", [1] * 6, [1] * 6, [2] * 6))


def test_select_v2_empty_tensors():
    # The oracle cannot allocate 0-element tensors; this only checks that we run them.
    model = select_model("FLOAT32", [0, 3], [0, 3], [0, 3])
    (out,), = run_host(model, [[np.zeros((0, 3), bool), np.zeros((0, 3), np.float32),
                                np.zeros((0, 3), np.float32)]])
    assert out.shape == (0, 3)
