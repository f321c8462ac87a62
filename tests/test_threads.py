"""num_threads: validation, ParallelFor's split, and outputs bit-identical to the oracle for
any thread count - on built layers large enough to be split (odd sizes so the ranges split
unevenly, batches > 1) on every CMSIS-NN code path, and on every shared model."""
import numpy as np
import pytest

import tflm_host
from tflm_host import _core
from tflm_host.examples import sine_model_paths
from oracle import assert_same_outputs, random_inputs, run_host, run_oracle, shared_model
from test_cmsis_nn import CONV_CASES as SMALL_CONV_CASES
from test_cmsis_nn import DEPTHWISE_CASES as SMALL_DEPTHWISE_CASES
from test_cmsis_nn import isa  # noqa: F401  (fixture: every ISA path the CPU has)
from test_conv_ops import _conv_model
from test_fully_connected import _fc_model
from test_no_allocation import invoke_malloc_counts
from test_shared_models import MODELS as SHARED_MODELS

THREAD_COUNTS = [1, 2, 3, 5]


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2", tflm_host.interpreter.MAX_THREADS + 1])
def test_num_threads_rejects_bad_values(bad):
    model = sine_model_paths()["int8"]
    with pytest.raises(ValueError, match="num_threads must be an integer from 1 to"):
        tflm_host.Interpreter(model, num_threads=bad)


@pytest.mark.parametrize("count", [0, 1, 2, 3, 7, 100, 1001])
@pytest.mark.parametrize("threads", [1, 2, 3, 5, 8])
def test_parallel_for_covers_each_index_once(count, threads):
    """Fixed near-equal chunks (at most 4 a thread), each run once, by any thread: which
    thread takes which chunk depends on timing, the chunks themselves never do."""
    chunks = min(count, 4 * threads) if threads > 1 else min(count, 1)
    expected = [(count * k // chunks, count * (k + 1) // chunks) for k in range(chunks)]
    for ranges in _core._parallel_for_ranges(count, threads, repeats=5):
        assert [(begin, end) for begin, end, _, _ in ranges] == expected
        for _, _, thread, on_caller in ranges:
            assert 0 <= thread < threads
            assert on_caller == (thread == 0)  # thread 0 is the calling thread


def test_parallel_for_uses_the_workers():
    """Over many runs of a long loop some chunk runs on a worker (a late worker may miss a
    run: the calling thread then takes its chunks)."""
    runs = _core._parallel_for_ranges(100, 2, repeats=100, busy_us=200)
    assert any(thread != 0 for ranges in runs for _, _, thread, _ in ranges)


# CONV_2D layers of > 4M MACs (split): (input shape, kernel, out channels, padding, stride,
# dilation, filter depth)
CONV_CASES = [
    ((2, 23, 19, 15), (3, 3), 37, "SAME", (1, 1), (1, 1), None),   # batches, rows split 23
    ((1, 41, 39, 24), (3, 3), 56, "SAME", (2, 2), (1, 1), None),   # strided: top padding cut
    ((3, 17, 13, 64), (1, 1), 104, "VALID", (1, 1), (1, 1), None), # 1x1: split by pixels
    ((1, 30, 27, 128), (1, 1), 160, "VALID", (2, 2), (1, 1), None),  # strided 1x1: by rows
    ((1, 27, 25, 16), (3, 3), 64, "VALID", (1, 1), (2, 2), None),  # dilated
    ((2, 21, 17, 11), (5, 3), 72, "SAME", (2, 1), (1, 1), None),   # tall kernel, pad 2 rows
    ((1, 24, 22, 32), (3, 3), 56, "SAME", (1, 1), (1, 1), 16),     # grouped
    ((3, 1, 260, 32), (1, 5), 64, "SAME", (1, 1), (1, 1), None),   # 1 x n, one row a batch
]

# DEPTHWISE_CONV_2D layers of > 1M MACs (a depthwise MAC counts 4 GEMM ones): (input shape, kernel, out channels, padding, stride,
# dilation)
DEPTHWISE_CASES = [
    ((2, 45, 41, 40), (3, 3), 40, "SAME", (1, 1), (1, 1)),    # batches (3x3 path per batch)
    ((1, 113, 97, 48), (3, 3), 48, "SAME", (2, 2), (1, 1)),   # strided
    ((1, 45, 43, 24), (5, 5), 48, "SAME", (1, 1), (2, 2)),    # multiplier 2, dilated
    ((2, 150, 130, 1), (3, 3), 16, "SAME", (1, 1), (1, 1)),   # one input channel (im2col)
    ((3, 64, 61, 96), (1, 1), 96, "VALID", (1, 1), (1, 1)),   # 1x1: split by pixels
    ((1, 101, 97, 16), (3, 3), 16, "SAME", (1, 1), (1, 1)),   # 16 channels (narrow kernel)
    ((1, 61, 55, 32), (5, 5), 32, "VALID", (1, 1), (1, 1)),
]

# FULLY_CONNECTED layers of > 4M MACs: (batches, depth, units, per-channel weights)
FC_CASES = [
    (1, 2003, 2111, False),   # one batch: blocks of output channels
    (1, 2003, 2111, True),    # the same through arm_convolve_1x1_s8_fast
    (3, 1400, 1003, False),   # 2 threads: by batches; 3 and 5: channel blocks per batch
    (3, 1400, 1003, True),
    (7, 800, 751, True),      # by batches, unevenly
    (1, 130000, 33, False),   # three channel blocks at most: some threads get none
]

_expected = {}


def _check_thread_counts(key, build):
    """The model's outputs with every thread count equal the oracle's (computed once)."""
    if key not in _expected:
        model = build()
        rng = np.random.default_rng(11)
        inputs = [random_inputs(model, rng) for _ in range(2)]
        _expected[key] = (model, inputs, run_oracle(model, inputs))
    model, inputs, expected = _expected[key]
    for threads in THREAD_COUNTS:
        assert_same_outputs(run_host(model, inputs, "optimized", num_threads=threads), expected,
                            f"{key} with {threads} threads on {_core.cmsis_isa()}")


@pytest.mark.parametrize("case", CONV_CASES, ids=lambda c: "x".join(map(str, c[0])) + f"_k{c[1]}_o{c[2]}")
def test_threaded_conv_matches_oracle(isa, case):
    shape, kernel, out_ch, padding, stride, dilation, depth = case
    _check_thread_counts(("conv", case), lambda: _conv_model(
        "CONV_2D", in_shape=shape, kernel=kernel, out_ch=out_ch, padding=padding, stride=stride,
        dilation=dilation, filter_depth=depth, activation="RELU6"))


@pytest.mark.parametrize("case", DEPTHWISE_CASES, ids=lambda c: "x".join(map(str, c[0])) + f"_k{c[1]}_o{c[2]}")
def test_threaded_depthwise_matches_oracle(isa, case):
    shape, kernel, out_ch, padding, stride, dilation = case
    _check_thread_counts(("depthwise", case), lambda: _conv_model(
        "DEPTHWISE_CONV_2D", in_shape=shape, kernel=kernel, out_ch=out_ch, padding=padding,
        stride=stride, dilation=dilation, activation="RELU"))


@pytest.mark.parametrize("batches,depth,units,per_channel", FC_CASES)
def test_threaded_fully_connected_matches_oracle(isa, batches, depth, units, per_channel):
    _check_thread_counts(("fc", batches, depth, units, per_channel), lambda: _fc_model(
        "INT8", batches, depth, units, "RELU", per_channel, with_bias=True))


@pytest.fixture
def split_everything():
    """Every layer prepared in the test splits, however small (threshold 0 MACs)."""
    previous = _core._set_min_parallel_macs(0)
    yield
    _core._set_min_parallel_macs(previous)


def _check_forced_split(model):
    """The edge cases of the split: fewer rows, pixels, batches or channel blocks than
    threads, and every CMSIS-NN kernel choice, on small layers forced to split."""
    rng = np.random.default_rng(5)
    inputs = [random_inputs(model, rng)]
    expected = run_oracle(model, inputs)
    for threads in (2, 3, 5):
        assert_same_outputs(run_host(model, inputs, "optimized", num_threads=threads), expected,
                            f"{threads} threads on {_core.cmsis_isa()}")


@pytest.mark.parametrize("case", SMALL_CONV_CASES, ids=lambda c: "x".join(map(str, c[0])) + f"_k{c[1]}_o{c[2]}")
def test_forced_split_conv_matches_oracle(isa, split_everything, case):
    shape, kernel, out_ch, padding, stride, dilation, depth = case
    _check_forced_split(_conv_model("CONV_2D", in_shape=shape, kernel=kernel, out_ch=out_ch,
                                    padding=padding, stride=stride, dilation=dilation,
                                    filter_depth=depth, activation="RELU6"))


@pytest.mark.parametrize("case", SMALL_DEPTHWISE_CASES, ids=lambda c: "x".join(map(str, c[0])) + f"_k{c[1]}_o{c[2]}")
def test_forced_split_depthwise_matches_oracle(isa, split_everything, case):
    shape, kernel, out_ch, padding, stride, dilation = case
    _check_forced_split(_conv_model("DEPTHWISE_CONV_2D", in_shape=shape, kernel=kernel,
                                    out_ch=out_ch, padding=padding, stride=stride,
                                    dilation=dilation, activation="RELU"))


@pytest.mark.parametrize("batches,depth,units", [(1, 3, 17), (1, 67, 33), (2, 250, 130),
                                                 (4, 5, 16), (6, 67, 40)])
@pytest.mark.parametrize("per_channel", [False, True])
def test_forced_split_fully_connected_matches_oracle(isa, split_everything, batches, depth, units,
                                                     per_channel):
    _check_forced_split(_fc_model("INT8", batches, depth, units, "NONE", per_channel,
                                  with_bias=True))


def test_large_conv_plans_scratch_per_thread():
    """The split is really taken: an im2col conv gets one scratch slice per thread; a layer
    under the MACs threshold stays single-threaded and keeps its arena."""
    large = _conv_model("CONV_2D", in_shape=(2, 23, 19, 15), kernel=(3, 3), out_ch=37)
    small = _conv_model("CONV_2D", in_shape=(1, 9, 8, 4), kernel=(3, 3), out_ch=8)
    def arena(model, threads):
        return tflm_host.Interpreter(model, num_threads=threads).arena_used_bytes()
    assert arena(large, 1) < arena(large, 2) < arena(large, 3)
    assert arena(small, 1) == arena(small, 3)


@pytest.mark.parametrize("relative", SHARED_MODELS)
def test_shared_models_threaded_match_oracle(relative):
    data = shared_model(relative).read_bytes()
    invokes, _ = SHARED_MODELS[relative]
    rng = np.random.default_rng(7)
    input_sets = [random_inputs(data, rng) for _ in range(min(invokes, 3))]
    expected = run_oracle(data, input_sets)
    assert_same_outputs(run_host(data, input_sets, "optimized", num_threads=2), expected,
                        relative)


def test_threaded_invoke_allocates_nothing(tmp_path):
    """Neither the kernels nor the pool's workers allocate per invoke."""
    paths = [str(shared_model(m)) for m in (
        "person_detection/person_detect.tflite",
        "mobilenet_v2/mobilenet_v2_quantized_1x3x224x224.tflite")]
    built = tmp_path / "fc.tflite"
    built.write_bytes(_fc_model("INT8", 1, 2003, 2111, "NONE", False, with_bias=True))
    paths.append(str(built))
    for threads in (2, 3):
        assert invoke_malloc_counts(paths, tmp_path, num_threads=threads) == {p: 0 for p in paths}
