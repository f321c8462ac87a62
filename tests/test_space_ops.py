"""SPACE_TO_DEPTH, DEPTH_TO_SPACE, SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND and MIRROR_PAD against
the oracle on models built here, plus the invalid models each must reject with a clear error.
Expected output shapes come from numpy; the values from TFLM."""
import numpy as np
import pytest

import tflm_host
from op_checks import rejects, run_on_zeros, unsupported
from oracle import (KERNEL_VARIANTS, assert_matches_oracle, random_inputs, run_host,
                    run_oracle)
from tflm_host.builder import ModelBuilder


def _quant(dtype, zero_point=-3):
    return {"scale": 0.05, "zero_point": zero_point} if dtype == "INT8" else {}


# -- SPACE_TO_DEPTH / DEPTH_TO_SPACE ------------------------------------------------------

def _block_model(op, in_shape, block, dtype, out_shape=None):
    n, h, w, c = in_shape
    if out_shape is None:
        out_shape = ([n, h // block, w // block, c * block * block] if op == "SPACE_TO_DEPTH"
                     else [n, h * block, w * block, c // (block * block)])
    b = ModelBuilder()
    x = b.add_input("x", in_shape, dtype, **_quant(dtype))
    y = b.add_tensor("y", out_shape, dtype, **_quant(dtype))
    b.add_operator(op, [x], [y], block_size=block)
    b.add_output(y)
    return b.build()


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
@pytest.mark.parametrize("in_shape,block", [([1, 4, 6, 1], 2), ([2, 6, 3, 2], 3), ([1, 2, 2, 3], 1),
                                            ([3, 8, 4, 2], 4), ([1, 4, 4, 5], 2)])
def test_space_to_depth(dtype, in_shape, block):
    assert_matches_oracle(_block_model("SPACE_TO_DEPTH", in_shape, block, dtype), invokes=2)


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
@pytest.mark.parametrize("in_shape,block", [([1, 2, 3, 4], 2), ([2, 1, 2, 18], 3), ([1, 2, 2, 3], 1),
                                            ([3, 2, 1, 32], 4), ([1, 3, 2, 8], 2)])
def test_depth_to_space(dtype, in_shape, block):
    assert_matches_oracle(_block_model("DEPTH_TO_SPACE", in_shape, block, dtype), invokes=2)


def test_space_depth_round_trip_matches_numpy():
    # The layout TFLM (and TensorFlow) use: depth index = (row in block * block + column) * C + c.
    x = np.arange(2 * 4 * 6 * 3, dtype=np.float32).reshape(2, 4, 6, 3)
    expected = x.reshape(2, 2, 2, 3, 2, 3).transpose(0, 1, 3, 2, 4, 5).reshape(2, 2, 3, 12)
    interp = tflm_host.Interpreter(_block_model("SPACE_TO_DEPTH", [2, 4, 6, 3], 2, "FLOAT32"))
    interp.set_input(x, 0)
    interp.invoke()
    np.testing.assert_array_equal(interp.get_output(0), expected)
    back = tflm_host.Interpreter(_block_model("DEPTH_TO_SPACE", [2, 2, 3, 12], 2, "FLOAT32"))
    back.set_input(expected, 0)
    back.invoke()
    np.testing.assert_array_equal(back.get_output(0), x)


def test_space_depth_rejects_invalid_models():
    rejects(_block_model("SPACE_TO_DEPTH", [1, 3, 4, 1], 2, "FLOAT32", [1, 1, 2, 4]),
            "multiples of block_size 2")
    rejects(_block_model("DEPTH_TO_SPACE", [1, 2, 2, 6], 2, "FLOAT32", [1, 4, 4, 1]),
            "multiple of block_size")
    rejects(_block_model("SPACE_TO_DEPTH", [1, 4, 4, 1], 2, "FLOAT32", [1, 2, 2, 2]),
            r"output shape is \[1, 2, 2, 2\], expected \[1, 2, 2, 4\]")
    rejects(_block_model("DEPTH_TO_SPACE", [1, 2, 2, 4], 0, "FLOAT32", [1, 2, 2, 4]),
            "block_size 0 must be positive")
    unsupported(_block_model("SPACE_TO_DEPTH", [1, 2, 2, 1], 2, "INT16"))
    b = ModelBuilder()
    x = b.add_input("x", [4, 4, 1], "FLOAT32")
    y = b.add_tensor("y", [2, 2, 4], "FLOAT32")
    b.add_operator("SPACE_TO_DEPTH", [x], [y], block_size=2)
    b.add_output(y)
    rejects(b.build(), "4-D")


# -- SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND ------------------------------------------------

def _space_to_batch_shape(shape, block, pads):
    spatial = [(d + lo + hi) // k for d, k, (lo, hi) in zip(shape[1:], block, pads)]
    return [shape[0] * int(np.prod(block))] + spatial + list(shape[1 + len(block):])


def _batch_to_space_shape(shape, block, crops):
    spatial = [d * k - lo - hi for d, k, (lo, hi) in zip(shape[1:], block, crops)]
    return [shape[0] // int(np.prod(block))] + spatial + list(shape[1 + len(block):])


def _space_batch_model(op, in_shape, block, pads, dtype, out_shape=None, graph_inputs=False,
                       out_zero_point=-3):
    shape_of = _space_to_batch_shape if op == "SPACE_TO_BATCH_ND" else _batch_to_space_shape
    b = ModelBuilder()
    x = b.add_input("x", in_shape, dtype, **_quant(dtype))
    block, pads = np.array(block, np.int32), np.array(pads, np.int32)
    if graph_inputs:
        k, p = b.add_input("block", block.shape, "INT32"), b.add_input("pads", pads.shape, "INT32")
    else:
        k, p = b.add_constant("block", block), b.add_constant("pads", pads)
    out_shape = shape_of(in_shape, block, pads) if out_shape is None else out_shape
    y = b.add_tensor("y", out_shape, dtype, **_quant(dtype, out_zero_point))
    b.add_operator(op, [x, k, p], [y])
    b.add_output(y)
    return b.build()


SPACE_TO_BATCH = [([1, 4, 4, 1], [2, 2], [[0, 0], [0, 0]]),
                  ([2, 3, 5, 2], [2, 3], [[1, 0], [0, 1]]),
                  ([1, 2, 3, 3], [3, 2], [[2, 2], [1, 0]]),
                  ([3, 4, 1, 2], [1, 1], [[0, 0], [0, 0]]),
                  ([2, 5, 2], [3], [[1, 0]]),
                  ([1, 4, 3], [2], [[0, 0]])]


def _numpy_space_to_batch(x, block, pads, pad_value):
    """TensorFlow's SpaceToBatchND: output batch (row in block * block width + column) * N + n."""
    if x.ndim == 3:
        return _numpy_space_to_batch(x[:, :, None, :], [block[0], 1], [pads[0], [0, 0]],
                                     pad_value)[:, :, 0, :]
    padded = np.pad(x, [(0, 0), tuple(pads[0]), tuple(pads[1]), (0, 0)],
                    constant_values=pad_value)
    n, h, w, c = padded.shape
    (bh, bw) = block
    return padded.reshape(n, h // bh, bh, w // bw, bw, c).transpose(2, 4, 0, 1, 3, 5) \
        .reshape(bh * bw * n, h // bh, w // bw, c)


def _check_space_to_batch(in_shape, block, pads, dtype, rng):
    # This TFLM pads with uninitialized memory (its pad value is never set), so the oracle is
    # compared on the pixels taken from the input, and the whole output with numpy padding
    # with TFLite's value: 0, or the output zero point for int8.
    model = _space_batch_model("SPACE_TO_BATCH_ND", in_shape, block, pads, dtype)
    from_input = _numpy_space_to_batch(np.ones(in_shape, bool), block, pads, False)
    pad_value = _quant(dtype).get("zero_point", 0)
    for _ in range(2):
        (x,) = random_inputs(model, rng)
        (expected,) = run_oracle(model, [[x]])[0]
        for variant in KERNEL_VARIANTS:
            (got,) = run_host(model, [[x]], variant)[0]
            np.testing.assert_array_equal(got[from_input], expected[from_input])
            np.testing.assert_array_equal(got, _numpy_space_to_batch(x, block, pads, pad_value))


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
@pytest.mark.parametrize("in_shape,block,pads", SPACE_TO_BATCH)
def test_space_to_batch_nd(dtype, in_shape, block, pads):
    _check_space_to_batch(in_shape, block, pads, dtype, np.random.default_rng(block[0]))


def _random_space_batch(rng):
    """A 3-D or 4-D input with a block and paddings that make each padded size a multiple."""
    block, sizes, pads = [], [], []
    for _ in range(int(rng.integers(1, 3))):
        k, d, low = int(rng.integers(1, 4)), int(rng.integers(1, 6)), int(rng.integers(0, 3))
        block.append(k)
        sizes.append(d)
        pads.append([low, (k - (d + low) % k) % k + k * int(rng.integers(0, 2))])
    return [int(rng.integers(1, 3))] + sizes + [int(rng.integers(1, 4))], block, pads


@pytest.mark.parametrize("seed", range(15))
def test_space_to_batch_nd_random(seed):
    rng = np.random.default_rng(seed)
    in_shape, block, pads = _random_space_batch(rng)
    _check_space_to_batch(in_shape, block, pads, "INT8" if seed % 2 else "FLOAT32", rng)


@pytest.mark.parametrize("seed", range(15))
def test_batch_to_space_nd_random(seed):
    # The inverse: crops chosen so that the output is the unpadded input of SPACE_TO_BATCH.
    rng = np.random.default_rng(100 + seed)
    space_shape, block, crops = _random_space_batch(rng)
    in_shape = _space_to_batch_shape(space_shape, block, crops)
    model = _space_batch_model("BATCH_TO_SPACE_ND", in_shape, block, crops,
                               "INT8" if seed % 2 else "FLOAT32")
    assert _batch_to_space_shape(in_shape, block, crops) == space_shape
    assert_matches_oracle(model, seed=seed, invokes=2)


BATCH_TO_SPACE = [([4, 2, 2, 1], [2, 2], [[0, 0], [0, 0]]),
                  ([12, 2, 3, 2], [2, 3], [[1, 0], [0, 2]]),
                  ([6, 2, 2, 3], [3, 2], [[2, 1], [1, 0]]),
                  ([3, 4, 1, 2], [1, 1], [[0, 0], [0, 0]]),
                  ([6, 2, 2], [3], [[1, 2]]),
                  ([4, 3, 3], [2], [[0, 0]])]


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
@pytest.mark.parametrize("in_shape,block,crops", BATCH_TO_SPACE)
def test_batch_to_space_nd(dtype, in_shape, block, crops):
    assert_matches_oracle(_space_batch_model("BATCH_TO_SPACE_ND", in_shape, block, crops, dtype),
                          invokes=2)


@pytest.mark.parametrize("op", ["SPACE_TO_BATCH_ND", "BATCH_TO_SPACE_ND"])
def test_space_batch_block_and_offsets_from_graph_inputs(op):
    # TFLM reads them when it runs; the static output shape must agree with them.
    in_shape = [1, 4, 6, 2] if op == "SPACE_TO_BATCH_ND" else [6, 2, 3, 2]
    # No padding: this TFLM fills padding with uninitialized memory (see above).
    block, pads = [2, 3], [[0, 0], [0, 0]] if op == "SPACE_TO_BATCH_ND" else [[0, 1], [1, 2]]
    model = _space_batch_model(op, in_shape, block, pads, "FLOAT32", graph_inputs=True,
                               out_shape=(_space_to_batch_shape if op == "SPACE_TO_BATCH_ND"
                                          else _batch_to_space_shape)(in_shape, block, pads))
    x = np.random.default_rng(0).uniform(-1, 1, in_shape).astype(np.float32)
    assert_matches_oracle(model, [x, np.array(block, np.int32), np.array(pads, np.int32)])
    interp = tflm_host.Interpreter(model)
    interp.set_input(x, 0)
    interp.set_input(np.array([0, 3], np.int32), 1)
    interp.set_input(np.array(pads, np.int32), 2)
    with pytest.raises(tflm_host.InvokeError, match="must be positive"):
        interp.invoke()


def test_space_batch_rejects_invalid_models():
    s2b, b2s = "SPACE_TO_BATCH_ND", "BATCH_TO_SPACE_ND"
    rejects(_space_batch_model(s2b, [1, 2, 2, 1], [0, 1], [[0, 0], [0, 0]], "FLOAT32",
                               out_shape=[1, 2, 2, 1]), "must be positive")
    rejects(_space_batch_model(b2s, [4, 2, 2, 1], [2, 2], [[0, 0], [0, 0]], "FLOAT32",
                               out_shape=[1, 4, 4, 2]), "output depth 2 differs")
    rejects(_space_batch_model(s2b, [1, 2, 2, 1, 1], [2, 2, 1], [[0, 0]] * 3, "FLOAT32",
                               out_shape=[4, 1, 1, 1, 1]), "3-D or 4-D")
    rejects(_space_batch_model(s2b, [1, 2, 2, 1], [2, 2], [[0, 0], [0, 0]], "FLOAT32",
                               out_shape=[4, 1, 1]), "3-D or 4-D")
    rejects(_space_batch_model(s2b, [1, 4, 4, 1], [2], [[0, 0], [0, 0]], "FLOAT32",
                               out_shape=[2, 2, 4, 1]), "block shape holds 4 bytes")
    unsupported(_space_batch_model(b2s, [4, 1, 1, 1], [2, 2], [[0, 0], [0, 0]], "INT16"))


# -- MIRROR_PAD ---------------------------------------------------------------------------

def _mirror_pad_model(shape, pads, mode, dtype, pad_dtype=np.int32, out_shape=None,
                      graph_paddings=False):
    numpy_mode = "reflect" if mode == "REFLECT" else "symmetric"
    if out_shape is None:
        out_shape = np.pad(np.zeros(shape), pads, mode=numpy_mode).shape
    b = ModelBuilder()
    x = b.add_input("x", shape, dtype, **_quant(dtype))
    pads = np.array(pads, pad_dtype)
    p = (b.add_input("p", pads.shape, "INT32" if pad_dtype == np.int32 else "INT64")
         if graph_paddings else b.add_constant("p", pads))
    y = b.add_tensor("y", out_shape, dtype, **_quant(dtype))
    b.add_operator("MIRROR_PAD", [x, p], [y], mode=mode)
    b.add_output(y)
    return b.build()


MIRROR_PADS = [([5], [[2, 3]]), ([4], [[0, 0]]), ([3, 4], [[1, 2], [3, 0]]),
               ([2, 3, 4], [[1, 1], [0, 2], [3, 1]]), ([2, 2, 3, 2], [[1, 0], [1, 1], [2, 2], [0, 1]]),
               ([2, 2, 2, 2, 3], [[1, 1], [0, 1], [1, 0], [1, 1], [2, 1]])]


@pytest.mark.parametrize("dtype", ["FLOAT32", "INT8"])
@pytest.mark.parametrize("mode", ["REFLECT", "SYMMETRIC"])
@pytest.mark.parametrize("shape,pads", MIRROR_PADS)
def test_mirror_pad(dtype, mode, shape, pads):
    assert_matches_oracle(_mirror_pad_model(shape, pads, mode, dtype), invokes=2)


def test_mirror_pad_largest_paddings():
    # REFLECT may pad size - 1 on each side, SYMMETRIC size.
    assert_matches_oracle(_mirror_pad_model([3, 4], [[2, 2], [3, 3]], "REFLECT", "INT8"))
    assert_matches_oracle(_mirror_pad_model([3, 4], [[3, 3], [4, 4]], "SYMMETRIC", "FLOAT32"))
    assert_matches_oracle(_mirror_pad_model([1, 3], [[1, 0], [0, 2]], "SYMMETRIC", "INT8"))


def test_mirror_pad_values_match_numpy():
    x = np.arange(12, dtype=np.float32).reshape(3, 4)
    for mode in ("REFLECT", "SYMMETRIC"):
        interp = tflm_host.Interpreter(_mirror_pad_model([3, 4], [[2, 1], [1, 3]], mode, "FLOAT32"))
        interp.set_input(x, 0)
        interp.invoke()
        np.testing.assert_array_equal(interp.get_output(0),
                                      np.pad(x, [[2, 1], [1, 3]], mode=mode.lower()))


@pytest.mark.parametrize("pad_dtype", [np.int32, np.int64])
def test_mirror_pad_paddings_from_graph_input(pad_dtype):
    pads = [[1, 2], [2, 0]]
    model = _mirror_pad_model([3, 4], pads, "REFLECT", "FLOAT32", pad_dtype, graph_paddings=True)
    x = np.random.default_rng(1).uniform(-1, 1, [3, 4]).astype(np.float32)
    assert_matches_oracle(model, [x, np.array(pads, pad_dtype)], invokes=2)
    interp = tflm_host.Interpreter(model)
    interp.set_input(x, 0)
    interp.set_input(np.array([[1, 2], [1, 2]], pad_dtype), 1)  # sums disagree with the output
    with pytest.raises(tflm_host.InvokeError, match="output dimension 1 is 6, expected 7"):
        interp.invoke()
    interp.set_input(np.array([[3, 0], [2, 0]], pad_dtype), 1)  # beyond REFLECT's limit
    with pytest.raises(tflm_host.InvokeError, match=r"must lie in \[0, 2\]"):
        interp.invoke()


def test_mirror_pad_int64_paddings():
    assert_matches_oracle(_mirror_pad_model([2, 3], [[1, 1], [2, 0]], "SYMMETRIC", "INT8",
                                            np.int64))


def test_mirror_pad_rejects_invalid_models():
    rejects(_mirror_pad_model([3], [[3, 0]], "REFLECT", "FLOAT32", out_shape=[6]),
            r"must lie in \[0, 2\] for REFLECT")
    rejects(_mirror_pad_model([3], [[4, 0]], "SYMMETRIC", "FLOAT32", out_shape=[7]),
            r"must lie in \[0, 3\] for SYMMETRIC")
    rejects(_mirror_pad_model([3], [[-1, 0]], "SYMMETRIC", "FLOAT32", out_shape=[2]), "must lie")
    rejects(_mirror_pad_model([3], [[1, 1]], "REFLECT", "FLOAT32", out_shape=[4]),
            "output dimension 0 is 4, expected 5")
    rejects(_mirror_pad_model([3, 2], [[1, 1]], "REFLECT", "FLOAT32", out_shape=[5, 2]),
            r"shape \[2, 2\]")
    rejects(_mirror_pad_model([3], [[1, 1]], "REFLECT", "FLOAT32", np.int16), "INT32 or INT64")
    rejects(_mirror_pad_model([1] * 7, [[0, 0]] * 7, "REFLECT", "FLOAT32"), "rank 7")
    unsupported(_mirror_pad_model([3], [[1, 1]], "REFLECT", "INT16"))


# -- empty tensors ------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: _block_model("SPACE_TO_DEPTH", [1, 0, 2, 1], 2, "FLOAT32"),
    lambda: _block_model("DEPTH_TO_SPACE", [1, 2, 0, 4], 2, "INT8"),
    lambda: _mirror_pad_model([2, 0], [[1, 1], [0, 0]], "SYMMETRIC", "FLOAT32"),
])
def test_empty_tensors_run_without_touching_memory(make):
    # TFLM refuses empty op outputs as "dynamic tensors", so there is no oracle here: the
    # kernels must simply never dereference the missing buffers.
    assert run_on_zeros(make())[0].size == 0
