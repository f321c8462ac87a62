"""ADD, SUB, MUL and MEAN against the oracle on models built here, plus the shared simple_add
model and the errors invalid models raise instead of crashing."""
import numpy as np
import pytest

import tflm_host
from oracle import MODELS_DIR, assert_matches_oracle, shared_model
from tflm_host.builder import ModelBuilder

BINARY_OPS = ["ADD", "SUB", "MUL"]

# (scale, zero point) of input 1, input 2 and output. MUL's output scale covers the product.
QUANT = {
    ("INT8", "ADD"): [(0.05, -3), (0.08, 7), (0.1, 2)],
    ("INT8", "SUB"): [(0.05, -3), (0.08, 7), (0.1, 2)],
    ("INT8", "MUL"): [(0.05, -3), (0.08, 7), (0.3, 2)],
    ("INT16", "ADD"): [(0.001, 0), (0.0015, 0), (0.002, 0)],
    ("INT16", "SUB"): [(0.001, 0), (0.0015, 0), (0.002, 0)],
    ("INT16", "MUL"): [(0.001, 0), (0.0015, 0), (0.05, 0)],
}

# (input 1, input 2): same shapes, row and column broadcasts, both inputs broadcasting,
# scalars, and the 6-D limit.
SHAPE_PAIRS = [
    ([1, 4, 4, 3], [1, 4, 4, 3]),
    ([2, 3, 4], [4]),
    ([5], [3, 1]),
    ([1, 4, 1, 3], [2, 1, 5, 1]),
    ([3, 2], []),
    ([1], [2, 3]),
    ([2, 1, 3, 1, 2, 1], [1, 2, 1, 2, 1, 3]),
]


def _random(dtype: str, shape, rng) -> np.ndarray:
    if dtype == "FLOAT32":
        return rng.uniform(-3.0, 3.0, size=shape).astype(np.float32)
    if dtype == "INT32":  # moderate values: int32 overflow is undefined behaviour in TFLM
        return rng.integers(-1000, 1000, size=shape, endpoint=True).astype(np.int32)
    info = np.iinfo(np.int8 if dtype == "INT8" else np.int16)
    return rng.integers(info.min, info.max, size=shape, endpoint=True).astype(info.dtype)


def _binary_model(op, dtype, shape1, shape2, activation="NONE", quant=None, out_shape=None):
    quant = quant or QUANT.get((dtype, op), [None] * 3)
    q = [dict(scale=s, zero_point=z) if s is not None else {}
         for s, z in (p if p else (None, None) for p in quant)]
    if out_shape is None:
        out_shape = list(np.broadcast_shapes(tuple(shape1), tuple(shape2)))
    b = ModelBuilder()
    x = b.add_input("x", shape1, dtype, **q[0])
    y = b.add_input("y", shape2, dtype, **q[1])
    z = b.add_tensor("z", out_shape, dtype, **q[2])
    b.add_operator(op, [x, y], [z], fused_activation_function=activation)
    b.add_output(z)
    return b.build()


def _check_binary(model, dtype, shape1, shape2, seed=0, invokes=2):
    rng = np.random.default_rng(seed)
    inputs = [[_random(dtype, shape1, rng), _random(dtype, shape2, rng)] for _ in range(invokes)]
    assert_matches_oracle(model, inputs)


@pytest.mark.parametrize("shape1,shape2", SHAPE_PAIRS)
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16", "INT32"])
@pytest.mark.parametrize("op", BINARY_OPS)
def test_binary_broadcasting_matches_oracle(op, dtype, shape1, shape2):
    _check_binary(_binary_model(op, dtype, shape1, shape2), dtype, shape1, shape2)


@pytest.mark.parametrize("swap", [False, True])
@pytest.mark.parametrize("op", BINARY_OPS)
def test_binary_operand_order(op, swap):
    # SUB is not symmetric, and each input has its own zero point and scale.
    shape1, shape2 = ([2, 1, 4], [3, 1]) if not swap else ([3, 1], [2, 1, 4])
    _check_binary(_binary_model(op, "INT8", shape1, shape2), "INT8", shape1, shape2)


@pytest.mark.parametrize("activation", ["RELU", "RELU6", "RELU_N1_TO_1"])
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16", "INT32"])
@pytest.mark.parametrize("op", BINARY_OPS)
def test_binary_fused_activations(op, dtype, activation):
    # int32 ADD ignores its fused activation in TFLM; SUB and MUL clamp.
    shape1, shape2 = [2, 3, 5], [3, 1]
    model = _binary_model(op, dtype, shape1, shape2, activation)
    _check_binary(model, dtype, shape1, shape2)


@pytest.mark.parametrize("zero_point", [-128, 127])
@pytest.mark.parametrize("op", BINARY_OPS)
def test_binary_extreme_zero_points(op, zero_point):
    scales = [s for s, _ in QUANT[("INT8", op)]]
    quant = [(scales[0], zero_point), (scales[1], -zero_point - 1), (scales[2], zero_point)]
    for shape1, shape2 in [([4, 6], [4, 6]), ([4, 6], [6])]:
        model = _binary_model(op, "INT8", shape1, shape2, "RELU", quant=quant)
        _check_binary(model, "INT8", shape1, shape2)


@pytest.mark.parametrize("scales", [(0.5, 0.001, 0.2), (0.001, 0.5, 0.004), (0.02, 0.02, 0.02),
                                    (1.7, 0.3, 0.011)])
@pytest.mark.parametrize("op", BINARY_OPS)
def test_binary_scale_ratios(op, scales):
    # Very unequal input scales, equal scales, and outputs finer or coarser than the inputs.
    quant = [(scales[0], 1), (scales[1], -2), (scales[2], 0)]
    shape1, shape2 = [3, 7], [7]
    _check_binary(_binary_model(op, "INT8", shape1, shape2, quant=quant), "INT8", shape1, shape2)


@pytest.mark.parametrize("op", ["ADD", "SUB"])
def test_int16_add_sub_nonzero_zero_points(op):
    quant = [(0.001, 100), (0.0015, -300), (0.002, 55)]
    for shape1, shape2 in [([5, 6], [5, 6]), ([5, 6], [6])]:
        model = _binary_model(op, "INT16", shape1, shape2, quant=quant)
        _check_binary(model, "INT16", shape1, shape2)


def test_simple_add_shared_model():
    assert_matches_oracle(shared_model("simple_add/simple_add_model.tflite"), invokes=2)


SEANET = [f"{op}/{op}{i}" for op, count in (("add", 17), ("sub", 5)) for i in range(count)]


@pytest.mark.parametrize("name", SEANET)
def test_seanet_int16_layers_match_golden_and_oracle(name):
    # TFLM's int16 integration tests: real layer shapes, scales and zero points.
    model = shared_model(f"integration_tests/seanet/{name}.tflite").read_bytes()
    interp = tflm_host.Interpreter(model)
    base = MODELS_DIR / "integration_tests" / "seanet" / name

    def csv(suffix):
        return np.loadtxt(f"{base}_{suffix}_int16.csv", delimiter=",", dtype=np.int64)

    inputs = [csv(f"input{i}").astype(np.int16).reshape(interp.get_input_details(i)["shape"])
              for i in range(interp.num_inputs)]
    for i, x in enumerate(inputs):
        interp.set_input(x, i)
    interp.invoke()
    np.testing.assert_array_equal(interp.get_output(0).reshape(-1), csv("golden"))
    assert_matches_oracle(model, inputs)


# -- MEAN ---------------------------------------------------------------------------------

def _mean_model(dtype, shape, axes, keep_dims, quant=((0.1, 3), (0.1, 3)), out_shape=None):
    rank = len(shape)
    reduced = {a % rank for a in axes} if rank else set()
    if out_shape is None:
        out_shape = [1 if i in reduced else d for i, d in enumerate(shape)] if keep_dims else \
            [d for i, d in enumerate(shape) if i not in reduced]
    qin, qout = ({}, {}) if dtype == "FLOAT32" else \
        (dict(scale=quant[0][0], zero_point=quant[0][1]),
         dict(scale=quant[1][0], zero_point=quant[1][1]))
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **qin)
    a = b.add_constant("axes", np.array(axes, dtype=np.int32))
    y = b.add_tensor("y", out_shape, dtype, **qout)
    b.add_operator("MEAN", [x, a], [y], keep_dims=keep_dims)
    b.add_output(y)
    return b.build()


MEAN_CASES = [  # (input shape, axes)
    ([2, 5, 7, 3], [1, 2]),      # TFLM's special-cased 4-D mean over H and W
    ([2, 5, 7, 3], [2, 1]),
    ([2, 5, 7, 3], [-3, -2]),
    ([2, 5, 7, 3], [0]),
    ([2, 5, 7, 3], [-1]),
    ([2, 5, 7, 3], [3, 1]),
    ([2, 5, 7, 3], [0, 1, 2]),
    ([2, 5, 7, 3], [0, 1, 2, 3]),
    ([2, 5, 7, 3], [1, 1, -3]),  # duplicates count once
    ([2, 3, 4, 3, 2], [1, 3]),   # rank 5, TFLM's largest
    ([9], [0]),
    ([4, 6], []),                 # no axes: the identity
]


@pytest.mark.parametrize("keep_dims", [True, False])
@pytest.mark.parametrize("shape,axes", MEAN_CASES)
@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8", "INT16"])
def test_mean_matches_oracle(dtype, shape, axes, keep_dims):
    quant = ((0.1, 3), (0.1, 3)) if dtype == "INT8" else ((0.002, 0), (0.002, 0))
    assert_matches_oracle(_mean_model(dtype, shape, axes, keep_dims, quant), invokes=2)


@pytest.mark.parametrize("quant", [
    ((0.1, 3), (0.1, 3)),         # same scale and zero point
    ((0.1, 3), (0.07, -5)),       # requantized
    ((0.05, -128), (0.02, 127)),  # extreme zero points
    ((0.05, 127), (0.5, -128)),
    ((0.3, 0), (0.0011, 10)),     # output far finer: saturates
])
@pytest.mark.parametrize("shape,axes", [([1, 32, 32, 8], [1, 2]), ([3, 10, 6], [1]),
                                        ([2, 5, 7, 3], [0, 2, 3])])
def test_mean_int8_requantization(shape, axes, quant):
    # Counts of 1024, 10 and 42 exercise the folding of 1/count into the multiplier.
    assert_matches_oracle(_mean_model("INT8", shape, axes, True, quant), invokes=2)


@pytest.mark.parametrize("quant", [((0.002, 0), (0.003, 0)), ((0.002, 0), (0.0005, 0)),
                                   ((0.01, 0), (0.0001, 0))])
@pytest.mark.parametrize("shape,axes", [([1, 32, 32, 8], [1, 2]), ([3, 10, 6], [1]),
                                        ([2, 5, 7, 3], [0, 2, 3]), ([2, 5, 7, 3], [1, 2])])
@pytest.mark.parametrize("keep_dims", [True, False])
def test_mean_int16_requantization(shape, axes, quant, keep_dims):
    # 16x8 models rescale int16 means too: TFLM's 4-D H/W path and its general one.
    assert_matches_oracle(_mean_model("INT16", shape, axes, keep_dims, quant), invokes=2)


# -- invalid models raise instead of crashing ---------------------------------------------

def _prepare_error(model, match):
    with pytest.raises(tflm_host.PrepareError, match=match):
        tflm_host.Interpreter(model)


@pytest.mark.parametrize("op", BINARY_OPS)
def test_binary_rejects_incompatible_shapes(op):
    _prepare_error(_binary_model(op, "FLOAT32", [2, 3], [4, 3], out_shape=[4, 3]),
                   "do not broadcast")
    _prepare_error(_binary_model(op, "FLOAT32", [2, 3], [3], out_shape=[3, 3]),
                   "not the broadcast shape")
    _prepare_error(_binary_model(op, "FLOAT32", [2, 3], [2, 3], out_shape=[7]),
                   "does not match")
    _prepare_error(_binary_model(op, "FLOAT32", [1] * 7, [2], out_shape=[1] * 6 + [2]),
                   "rank 7 exceed")


@pytest.mark.parametrize("op", BINARY_OPS)
def test_binary_rejects_bad_types_and_quantization(op):
    b = ModelBuilder()
    x = b.add_input("x", [4], "INT8", scale=0.1, zero_point=0)
    y = b.add_input("y", [4], "FLOAT32")
    z = b.add_tensor("z", [4], "INT8", scale=0.1, zero_point=0)
    b.add_operator(op, [x, y], [z])
    b.add_output(z)
    _prepare_error(b.build(), "input 2 must be INT8")
    _prepare_error(_binary_model(op, "INT8", [4], [4], quant=[(0.1, 0), None, (0.1, 0)]),
                   "no quantization parameters")
    _prepare_error(_binary_model(op, "FLOAT32", [4], [4], activation="TANH"),
                   "unsupported fused activation")


@pytest.mark.parametrize("op", ["ADD", "SUB"])
def test_add_sub_reject_disproportionate_scales(op):
    # TFLM aborts when the output rescale factor 2 * max_scale / (2^20 * out_scale) >= 1.
    _prepare_error(_binary_model(op, "INT8", [4], [4], quant=[(1.0, 0), (1.0, 0), (1e-7, 0)]),
                   "rescale factor")


def test_int16_mul_needs_zero_zero_points():
    _prepare_error(_binary_model("MUL", "INT16", [4], [4], quant=[(0.1, 0), (0.1, 3), (0.1, 0)]),
                   "zero points of 0")


def test_int32_add_rejects_quantized_inputs():
    _prepare_error(_binary_model("ADD", "INT32", [4], [4], quant=[(0.1, 0), (0.1, 0), None]),
                   "unquantized")


def test_mean_rejects_invalid_models():
    _prepare_error(_mean_model("FLOAT32", [2, 3], [2], False, out_shape=[2]), "out of range")
    _prepare_error(_mean_model("FLOAT32", [2, 3], [1], False, out_shape=[3]),
                   "reduction gives 2")
    _prepare_error(_mean_model("FLOAT32", [1, 2, 1, 2, 1, 2], [1], False), "rank <= 5")
    b = ModelBuilder()
    x = b.add_input("x", [2, 3], "FLOAT32")
    a = b.add_constant("axes", np.array([1], dtype=np.int64))
    y = b.add_tensor("y", [2], "FLOAT32")
    b.add_operator("MEAN", [x, a], [y], keep_dims=False)
    b.add_output(y)
    _prepare_error(b.build(), "axis must be INT32")
