"""The elementwise math ops against the oracle on models built here: EXP, LOG, ABS, NEG, SQRT,
RSQRT, SQUARE, FLOOR, CEIL, ROUND, ELU, SQUARED_DIFFERENCE, FLOOR_DIV, FLOOR_MOD, LOG_SOFTMAX
and L2_NORMALIZATION, in every type TFLM runs them on, with TFLM's edge cases (negative
inputs to SQRT/LOG, division by zero, halves for ROUND, extreme zero points, broadcasting),
and the types and models Prepare must reject."""
import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle, run_host, run_oracle
from tflm_host.builder import ModelBuilder

FLOAT_ONLY_UNARY = ["EXP", "LOG", "NEG", "SQRT", "SQUARE", "FLOOR", "CEIL", "ROUND"]

# Values that exercise each float function's edges: negatives (NaN for LOG/SQRT), zeros of
# both signs, halves (ROUND goes to even), large magnitudes and tiny ones.
SPECIAL_FLOATS = np.array([-3.5, -2.5, -1.5, -0.5, -0.0, 0.0, 0.5, 1.5, 2.5, 3.5, -1e-30, 1e-30,
                           -7.25, 7.75, 88.0, -100.0, 1e6, -1e6, 0.49999997, -0.49999997],
                          dtype=np.float32)


def unary_model(op, dtype, shape, in_q=None, out_q=None, out_dtype=None, **options):
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **(in_q or {}))
    y = b.add_tensor("y", shape, out_dtype or dtype, **(out_q or {}))
    b.add_operator(op, [x], [y], **options)
    b.add_output(y)
    return b.build()


def q(scale, zero_point):
    return dict(scale=scale, zero_point=zero_point)


def full_range(dtype, shape, rng):
    info = np.iinfo(dtype)
    return rng.integers(info.min, info.max, size=shape, endpoint=True).astype(dtype)


# -- float-only unary ops ---------------------------------------------------------------------

@pytest.mark.parametrize("op", FLOAT_ONLY_UNARY + ["ABS", "RSQRT", "ELU"])
def test_float_unary_special_values(op):
    model = unary_model(op, "FLOAT32", [SPECIAL_FLOATS.size])
    assert_matches_oracle(model, [SPECIAL_FLOATS])


@pytest.mark.parametrize("op", FLOAT_ONLY_UNARY + ["ABS", "RSQRT", "ELU"])
@pytest.mark.parametrize("shape", [[7], [2, 3, 4], [1, 2, 2, 2, 3]])
def test_float_unary_random(op, shape):
    rng = np.random.default_rng(len(shape))
    inputs = [[rng.uniform(-4, 4, size=shape).astype(np.float32)] for _ in range(2)]
    assert_matches_oracle(unary_model(op, "FLOAT32", shape), inputs)


@pytest.mark.parametrize("op,dtype", [(op, t) for op in FLOAT_ONLY_UNARY
                                      for t in ["INT8", "INT16", "INT32"]] +
                         [("ABS", "INT32"), ("RSQRT", "INT32"), ("ELU", "INT16")])
def test_unsupported_unary_types_raise(op, dtype):
    quant = q(0.1, 0) if dtype != "INT32" else None
    model = unary_model(op, dtype, [4], in_q=quant, out_q=quant)
    with pytest.raises((tflm_host.PrepareError, tflm_host.UnsupportedOpError),
                       match=f"{op}|supported"):
        tflm_host.Interpreter(model)


def test_unary_output_type_must_match():
    with pytest.raises(tflm_host.PrepareError, match="output must be FLOAT32"):
        tflm_host.Interpreter(unary_model("EXP", "FLOAT32", [3], out_dtype="INT32"))


# -- ABS --------------------------------------------------------------------------------------

@pytest.mark.parametrize("in_q,out_q", [
    (q(0.05, -3), q(0.05, -3)),      # same scale: no requantization
    (q(0.05, -128), q(0.05, 127)),   # extreme zero points, saturating
    (q(0.05, 10), q(0.02, -128)),    # rescale up
    (q(0.1, 127), q(0.4, -20)),      # rescale down
])
def test_abs_int8(in_q, out_q):
    rng = np.random.default_rng(1)
    model = unary_model("ABS", "INT8", [3, 50], in_q, out_q)
    assert_matches_oracle(model, [[full_range(np.int8, [3, 50], rng)]])


@pytest.mark.parametrize("in_q,out_q", [(q(0.001, 0), q(0.001, 0)), (q(0.001, 0), q(0.0007, 0)),
                                        (q(0.002, 0), q(0.01, 0))])
def test_abs_int16_quantized(in_q, out_q):
    rng = np.random.default_rng(2)
    x = np.concatenate([full_range(np.int16, [200], rng), [-32768, 32767, 0, -1]]).astype(np.int16)
    assert_matches_oracle(unary_model("ABS", "INT16", [x.size], in_q, out_q), [x])


def test_abs_int16_plain_integers():
    x = np.array([-32768, -32767, -5, 0, 5, 32767], dtype=np.int16)  # |-32768| wraps
    assert_matches_oracle(unary_model("ABS", "INT16", [6]), [x])


def test_abs_int16_needs_zero_zero_points():
    with pytest.raises(tflm_host.PrepareError, match="zero points must be 0"):
        tflm_host.Interpreter(unary_model("ABS", "INT16", [4], q(0.01, 3), q(0.01, 0)))


# -- RSQRT ------------------------------------------------------------------------------------

@pytest.mark.parametrize("in_q,out_q", [(q(0.05, -128), q(0.02, -128)), (q(0.01, 5), q(0.1, 0)),
                                        (q(1.5, -100), q(0.004, -128)), (q(0.2, 100), q(0.05, 30))])
def test_rsqrt_int8(in_q, out_q):
    zero_point = in_q["zero_point"]
    x = np.arange(zero_point, 128, dtype=np.int32).astype(np.int8)  # zero point upwards
    assert_matches_oracle(unary_model("RSQRT", "INT8", [x.size], in_q, out_q), [x])


@pytest.mark.parametrize("in_q,out_q", [(q(0.001, 0), q(0.002, 0)), (q(0.0001, 0), q(0.05, 0))])
def test_rsqrt_int16(in_q, out_q):
    rng = np.random.default_rng(3)
    x = np.concatenate([np.arange(0, 300), rng.integers(300, 32768, 300), [32767]])
    assert_matches_oracle(unary_model("RSQRT", "INT16", [x.size], in_q, out_q),
                          [x.astype(np.int16)])


def test_rsqrt_below_zero_point_fails_the_invoke():
    # TFLM's kernel fails the invoke for inputs below the zero point; so do we.
    model = unary_model("RSQRT", "INT8", [3], q(0.05, 4), q(0.05, 0))
    interp = tflm_host.Interpreter(model)
    x = np.array([10, 4, 3], np.int8)
    with pytest.raises(RuntimeError):
        run_oracle(model, [[x]])
    interp.set_input(x, 0)
    with pytest.raises(tflm_host.InvokeError, match="non-negative"):
        interp.invoke()


def test_rsqrt_int16_needs_quantization():
    with pytest.raises(tflm_host.PrepareError, match="quantization"):
        tflm_host.Interpreter(unary_model("RSQRT", "INT16", [4]))


# -- ELU --------------------------------------------------------------------------------------

@pytest.mark.parametrize("in_q,out_q", [(q(0.05, 0), q(0.05, 0)), (q(0.1, -128), q(0.03, 127)),
                                        (q(0.02, 127), q(0.01, -100)), (q(0.5, 3), q(0.2, -7))])
def test_elu_int8_table(in_q, out_q):
    x = np.arange(-128, 128, dtype=np.int32).astype(np.int8)  # every table entry
    assert_matches_oracle(unary_model("ELU", "INT8", [2, 128], in_q, out_q), [x.reshape(2, 128)])


# -- empty tensors ----------------------------------------------------------------------------
# The oracle cannot allocate 0-element tensors at all, so these only check that we run them.

@pytest.mark.parametrize("op", ["EXP", "ABS", "ELU"])
def test_unary_on_empty_tensors(op):
    model = unary_model(op, "FLOAT32", [0, 3])
    (out,), = run_host(model, [[np.zeros((0, 3), np.float32)]])
    assert out.shape == (0, 3)


# -- binary math ops --------------------------------------------------------------------------

def binary_model(op, dtype, shape1, shape2, quant=(None, None, None), out_shape=None,
                 out_dtype=None):
    if out_shape is None:
        out_shape = list(np.broadcast_shapes(tuple(shape1), tuple(shape2)))
    b = ModelBuilder()
    x = b.add_input("x", shape1, dtype, **(quant[0] or {}))
    y = b.add_input("y", shape2, dtype, **(quant[1] or {}))
    z = b.add_tensor("z", out_shape, out_dtype or dtype, **(quant[2] or {}))
    b.add_operator(op, [x, y], [z])
    b.add_output(z)
    return b.build()


def random_values(dtype, shape, rng):
    if dtype == "FLOAT32":
        return rng.uniform(-5, 5, size=shape).astype(np.float32)
    if dtype == "INT32":  # moderate: int32 overflow is undefined behaviour in TFLM
        return rng.integers(-30000, 30000, size=shape).astype(np.int32)
    return full_range(np.int8 if dtype == "INT8" else np.int16, shape, rng)


# Same shapes (elementwise, any rank), row/column broadcasts, both inputs broadcasting, scalars.
BROADCAST_SHAPES = [([2, 3, 4], [2, 3, 4]), ([1, 2, 2, 2, 3], [1, 2, 2, 2, 3]), ([2, 3, 4], [4]),
                    ([5], [3, 1]), ([1, 4, 1, 3], [2, 1, 5, 1]), ([3, 2], []), ([1], [2, 3])]

SQUARED_DIFFERENCE_QUANT = {
    "INT8": [(q(0.05, -3), q(0.08, 7), q(0.3, -128)), (q(0.02, -128), q(0.02, 127), q(0.5, 100)),
             (q(0.1, 0), q(0.01, 50), q(0.9, -20))],
    "INT16": [(q(0.001, 0), q(0.0015, 0), q(0.05, 0)), (q(0.0005, 0), q(0.0005, 0), q(0.002, 0))],
}


@pytest.mark.parametrize("shape1,shape2", BROADCAST_SHAPES)
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT32"])
def test_squared_difference_plain(dtype, shape1, shape2):
    rng = np.random.default_rng(4)
    inputs = [[random_values(dtype, shape1, rng), random_values(dtype, shape2, rng)]
              for _ in range(2)]
    assert_matches_oracle(binary_model("SQUARED_DIFFERENCE", dtype, shape1, shape2), inputs)


@pytest.mark.parametrize("shape1,shape2", BROADCAST_SHAPES[::2])
@pytest.mark.parametrize("dtype,quant", [(t, qq) for t, qs in SQUARED_DIFFERENCE_QUANT.items()
                                         for qq in qs])
def test_squared_difference_quantized(dtype, quant, shape1, shape2):
    rng = np.random.default_rng(5)
    inputs = [[random_values(dtype, shape1, rng), random_values(dtype, shape2, rng)]
              for _ in range(2)]
    assert_matches_oracle(binary_model("SQUARED_DIFFERENCE", dtype, shape1, shape2, quant),
                          inputs)


@pytest.mark.parametrize("op", ["FLOOR_DIV", "FLOOR_MOD"])
@pytest.mark.parametrize("shape1,shape2", BROADCAST_SHAPES)
def test_floor_div_mod(op, shape1, shape2):
    rng = np.random.default_rng(6)
    a = rng.uniform(-20, 20, size=shape1).astype(np.float32)
    b = rng.uniform(-6, 6, size=shape2).astype(np.float32)
    b[np.abs(b) < 0.1] = 0.5  # no division by zero here
    assert_matches_oracle(binary_model(op, "FLOAT32", shape1, shape2), [a, b])


def test_floor_div_mod_signs_and_exact_multiples():
    a = np.array([7, -7, 7, -7, 6, -6, 0, -0.0, 5.5, -5.5, 1e-3, 1e7], np.float32)
    b = np.array([2, 2, -2, -2, 3, 3, 4, 4, 2.5, -2.5, 7, 3], np.float32)
    for op in ["FLOOR_DIV", "FLOOR_MOD"]:
        assert_matches_oracle(binary_model(op, "FLOAT32", [12], [12]), [a, b])


def test_floor_mod_by_zero_is_nan():
    a = np.array([1.0, -2.0, 0.0], np.float32)
    b = np.array([0.0, 0.0, 0.0], np.float32)
    assert_matches_oracle(binary_model("FLOOR_MOD", "FLOAT32", [3], [3]), [a, b])
    (out,), = run_host(binary_model("FLOOR_MOD", "FLOAT32", [3], [3]), [[a, b]])
    assert np.isnan(out).all()


def test_floor_div_by_zero_fails_the_invoke():
    model = binary_model("FLOOR_DIV", "FLOAT32", [3], [3])
    a = np.array([1.0, 2.0, 3.0], np.float32)
    b = np.array([1.0, 0.0, 2.0], np.float32)
    with pytest.raises(RuntimeError):
        run_oracle(model, [[a, b]])
    interp = tflm_host.Interpreter(model)
    interp.set_input(a, 0)
    interp.set_input(b, 1)
    with pytest.raises(tflm_host.InvokeError, match="division by 0"):
        interp.invoke()


@pytest.mark.parametrize("op,dtype", [("SQUARED_DIFFERENCE", "INT64"), ("FLOOR_DIV", "INT32"),
                                      ("FLOOR_MOD", "INT32"), ("FLOOR_DIV", "INT8")])
def test_unsupported_binary_types_raise(op, dtype):
    quant = (q(0.1, 0),) * 3 if dtype == "INT8" else (None,) * 3
    with pytest.raises((tflm_host.PrepareError, tflm_host.UnsupportedOpError),
                       match=f"{op}|supported"):
        tflm_host.Interpreter(binary_model(op, dtype, [3], [3], quant))


@pytest.mark.parametrize("op", ["SQUARED_DIFFERENCE", "FLOOR_DIV", "FLOOR_MOD"])
def test_broadcasting_beyond_4d_is_rejected(op):
    # TFLM's 4-D broadcast functions would read out of bounds.
    with pytest.raises(tflm_host.PrepareError, match="at most 4 dimensions"):
        tflm_host.Interpreter(binary_model(op, "FLOAT32", [2, 1, 2, 1, 3], [1, 2, 1, 2, 1]))


def test_squared_difference_int16_needs_zero_zero_points():
    quant = (q(0.01, 1), q(0.01, 0), q(0.01, 0))
    with pytest.raises(tflm_host.PrepareError, match="zero points must be 0"):
        tflm_host.Interpreter(binary_model("SQUARED_DIFFERENCE", "INT16", [3], [3], quant))


# -- LOG_SOFTMAX ------------------------------------------------------------------------------

LOG_SOFTMAX_OUT = q(16.0 / 256, 127)


@pytest.mark.parametrize("shape", [[1, 10], [3, 4, 7], [5]])
def test_log_softmax_float(shape):
    rng = np.random.default_rng(7)
    inputs = [[rng.uniform(-10, 10, size=shape).astype(np.float32)] for _ in range(2)]
    assert_matches_oracle(unary_model("LOG_SOFTMAX", "FLOAT32", shape), inputs)


@pytest.mark.parametrize("shape", [[1, 10], [4, 16], [2, 3, 50], [1, 1]])
@pytest.mark.parametrize("in_q", [q(0.1, 0), q(0.05, -128), q(0.5, 127), q(0.01, 20),
                                  q(1.0, -5), q(64.0, 0), q(1e-6, 3)])
def test_log_softmax_int8(shape, in_q):
    rng = np.random.default_rng(8)
    inputs = [[full_range(np.int8, shape, rng)] for _ in range(2)]
    model = unary_model("LOG_SOFTMAX", "INT8", shape, in_q, LOG_SOFTMAX_OUT)
    assert_matches_oracle(model, inputs)


def test_log_softmax_int8_rows_with_equal_values():
    x = np.array([[5, 5, 5, 5], [-128, -128, 127, 127], [-128] * 4], np.int8)
    model = unary_model("LOG_SOFTMAX", "INT8", [3, 4], q(0.2, 0), LOG_SOFTMAX_OUT)
    assert_matches_oracle(model, [x])


def test_log_softmax_int8_output_quantization_is_fixed():
    with pytest.raises(tflm_host.PrepareError, match="16/256"):
        tflm_host.Interpreter(unary_model("LOG_SOFTMAX", "INT8", [1, 4], q(0.1, 0), q(0.1, 0)))


# -- L2_NORMALIZATION -------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [[1, 10], [2, 3, 8], [2, 2, 2, 5], [6]])
def test_l2_normalization_float(shape):
    rng = np.random.default_rng(9)
    inputs = [[rng.uniform(-3, 3, size=shape).astype(np.float32)]]
    assert_matches_oracle(unary_model("L2_NORMALIZATION", "FLOAT32", shape), inputs)


def test_l2_normalization_float_zero_row_uses_epsilon():
    x = np.array([[0, 0, 0], [1e-8, 0, 0], [3, 4, 0]], np.float32)
    assert_matches_oracle(unary_model("L2_NORMALIZATION", "FLOAT32", [3, 3]), [x])


@pytest.mark.parametrize("shape", [[1, 10], [2, 3, 8], [2, 2, 2, 64], [1, 1]])
@pytest.mark.parametrize("in_q", [q(0.05, 0), q(0.1, -128), q(0.02, 127), q(0.3, 17)])
def test_l2_normalization_int8(shape, in_q):
    rng = np.random.default_rng(10)
    inputs = [[full_range(np.int8, shape, rng)] for _ in range(2)]
    model = unary_model("L2_NORMALIZATION", "INT8", shape, in_q, q(1 / 128, 0))
    assert_matches_oracle(model, inputs)


@pytest.mark.parametrize("out_q", [q(0.05, 10), q(1.0, -128)])
def test_l2_normalization_int8_ignores_output_quantization(out_q):
    # TFLM writes steps of 1/128 around 0 whatever the output tensor declares.
    rng = np.random.default_rng(15)
    model = unary_model("L2_NORMALIZATION", "INT8", [3, 6], q(0.1, -2), out_q)
    assert_matches_oracle(model, [full_range(np.int8, [3, 6], rng)])


def test_l2_normalization_int8_at_zero_point():
    x = np.array([[3, 3, 3], [3, 4, 3], [-128, 127, 3]], np.int8)  # zero row: 1/sqrt(0) as 1
    model = unary_model("L2_NORMALIZATION", "INT8", [3, 3], q(0.1, 3), q(1 / 128, 0))
    assert_matches_oracle(model, [x])


def test_l2_normalization_rejects_rank_5_and_activations():
    with pytest.raises(tflm_host.PrepareError, match="1 to 4 dimensions"):
        tflm_host.Interpreter(unary_model("L2_NORMALIZATION", "FLOAT32", [1, 1, 1, 2, 3]))
    with pytest.raises(tflm_host.PrepareError, match="no fused activation"):
        tflm_host.Interpreter(unary_model("L2_NORMALIZATION", "FLOAT32", [2, 3],
                                          fused_activation_function="RELU"))


# -- all of them in one graph (also run by test_no_allocation) --------------------------------

def math_ops_graph() -> bytes:
    """One graph through every elementwise math, comparison, logic and select kernel, in
    float and int8 where TFLM has both."""
    b = ModelBuilder()
    f = b.add_input("f", [2, 8], "FLOAT32")
    i8 = dict(scale=0.05, zero_point=-3)
    x8 = b.add_input("x8", [2, 8], "INT8", **i8)

    def chain(x, ops, dtype="FLOAT32", quant=None, **options):
        for op in ops:
            y = b.add_tensor(op.lower(), [2, 8], dtype, **(quant or {}))
            b.add_operator(op, [x], [y], **options)
            x = y
        return x

    g = chain(f, ["ABS", "SQRT", "RSQRT", "LOG", "EXP", "NEG", "FLOOR", "CEIL", "ROUND", "ELU",
                  "SQUARE", "L2_NORMALIZATION", "LOG_SOFTMAX"])
    divisor = b.add_constant("divisor", np.full([8], 1.5, np.float32))  # invokes see zeros
    for op in ["SQUARED_DIFFERENCE", "FLOOR_DIV", "FLOOR_MOD"]:
        y = b.add_tensor(op.lower(), [2, 8], "FLOAT32")
        b.add_operator(op, [g, divisor], [y])
        g = y
    h8 = chain(x8, ["ABS", "ELU"], "INT8", i8)
    sq8 = b.add_tensor("sq8", [2, 8], "INT8", **i8)
    b.add_operator("SQUARED_DIFFERENCE", [h8, x8], [sq8])
    l2 = b.add_tensor("l2", [2, 8], "INT8", scale=1 / 128, zero_point=0)
    b.add_operator("L2_NORMALIZATION", [sq8], [l2])
    ls = b.add_tensor("ls", [2, 8], "INT8", scale=16 / 256, zero_point=127)
    b.add_operator("LOG_SOFTMAX", [l2], [ls])
    masks = []
    for op in ["EQUAL", "NOT_EQUAL", "LESS", "LESS_EQUAL", "GREATER", "GREATER_EQUAL"]:
        for x, y in ((g, f), (ls, x8)):
            m = b.add_tensor(f"{op.lower()}{len(masks)}", [2, 8], "BOOL")
            b.add_operator(op, [x, y], [m])
            masks.append(m)
    m = masks[0]
    for k, other in enumerate(masks[1:]):
        n = b.add_tensor(f"logic{k}", [2, 8], "BOOL")
        b.add_operator("LOGICAL_AND" if k % 2 else "LOGICAL_OR", [m, other], [n])
        m = n
    m = chain(m, ["LOGICAL_NOT"], "BOOL")
    out = b.add_tensor("out", [2, 8], "FLOAT32")
    b.add_operator("SELECT_V2", [m, g, f], [out])
    b.add_output(out)
    return b.build()


def test_math_ops_graph():
    assert_matches_oracle(math_ops_graph(), invokes=3, seed=5)
