"""Kernel-contract fuzzing: for every operator this build runs, malformed one-op models
(kernel_fuzz.py's mutations of a plausible seed) must run or be refused with a clear
tflm_host error - never crash, hang or raise anything else. Cases run in worker
subprocesses, so a crash fails the op's test naming the case instead of killing pytest."""
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

import tflm_host
from kernel_fuzz import MUTATIONS, build, run_cases, seed_spec
from tflm_host.builder import ModelBuilder

CASES_PER_OP = int(os.environ.get("TFLM_FUZZ_CASES", "35"))  # ~100 ops: < 60 s in all
# Derandomized by default; TFLM_FUZZ_SEED=n explores other cases (for long runs by hand).
FUZZ_SEED = os.environ.get("TFLM_FUZZ_SEED")
OPS = sorted(tflm_host.supported_ops())
DEFAULT_TYPES = ("FLOAT32", "INT8", "INT16", "INT32")
# Ops whose fuzz seed is the generic one-input model, which their Prepare refuses: their
# cases probe the early checks only.
SHALLOW_SEEDS = {"SVDF", "SignalFilterBank", "SignalOverlapAdd"}


def generate_cases(op: str, count: int) -> list:
    """(description, model bytes) of up to `count` derandomized mutations of op's seed."""
    cases = []
    types = tflm_host.supported_ops()[op] or DEFAULT_TYPES

    @(seed(int(FUZZ_SEED)) if FUZZ_SEED else (lambda test: test))
    @settings(derandomize=FUZZ_SEED is None, max_examples=count, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(st.data())
    def collect(data):
        spec = seed_spec(op, data.draw(st.sampled_from(types)))

        def draw(kind, *args):
            if kind == "int":
                return data.draw(st.integers(*args))
            if kind == "pick":
                return data.draw(st.sampled_from(args[0]))
            return data.draw(st.booleans())

        for name in data.draw(st.lists(st.sampled_from(sorted(MUTATIONS)), max_size=3)):
            MUTATIONS[name](spec, draw)
            spec.notes.append(name)
        model = build(spec)
        if model is not None:
            cases.append((spec.describe(), model))

    collect()
    return cases


@pytest.mark.parametrize("op", OPS)
def test_malformed_models_never_crash(op):
    cases = generate_cases(op, CASES_PER_OP)
    assert cases, f"no buildable {op} cases"
    results, failures = run_cases([model for _, model in cases])
    report = [f"{op} case {f.case} {f.kind} (alone: {f.alone or '-'}): {cases[f.case][0]}\n"
              f"    {f.detail.strip()[-1500:]}" for f in failures]
    assert not failures, "\n".join(report)
    assert len(results) == len(cases)


def test_seed_models_run():
    """The seeds are valid, so the mutations probe past the first checks of Prepare."""
    names = [(op, dtype) for op in OPS for dtype in tflm_host.supported_ops()[op] or DEFAULT_TYPES]
    results, failures = run_cases([build(seed_spec(op, dtype)) for op, dtype in names])
    assert not failures, [(names[f.case], f.kind, f.detail) for f in failures]
    # Random inputs may hold indices out of range: refusing them at invoke is fine.
    refused = [f"{names[case]}: {msg['detail']}" for case, msg in sorted(results.items())
               if msg["outcome"] != "ok" and "InvokeError" not in msg["detail"]
               and names[case][0] not in SHALLOW_SEEDS]
    assert not refused, "\n".join(refused)


@pytest.mark.parametrize("dtype", ["INT4", "STRING"])
def test_io_tensor_without_numpy_type_is_a_model_error(dtype):
    """Found by the fuzzer: such model inputs/outputs failed with numpy's reshape error."""
    b = ModelBuilder()
    x = b.add_input("x", [3, 3], dtype)
    y = b.add_tensor("y", [3, 3], dtype)
    b.add_operator("RESHAPE", [x], [y])
    b.add_output(y)
    with pytest.raises(tflm_host.ModelError, match=f"type {dtype}"):
        tflm_host.Interpreter(b.build())


@pytest.mark.parametrize("op", ["BATCH_TO_SPACE_ND", "SPACE_TO_BATCH_ND"])
def test_huge_empty_batch_does_not_hang(op):
    """Found by the fuzzer: a [2^30, 2, 1, 0] tensor holds nothing, but the kernel walked
    all 2^30 batches (over a minute) before writing nothing."""
    spec = seed_spec(op, "INT8")
    x, y = spec.tensors[0], spec.tensors[3]
    x.shape, y.shape = ([2 ** 30, 2, 1, 0], [2 ** 28, 4, 2, 0]) if op == "BATCH_TO_SPACE_ND" \
        else ([2 ** 28, 4, 2, 0], [2 ** 30, 2, 1, 0])
    results, failures = run_cases([build(spec)])
    assert not failures, failures
    assert results[0]["outcome"] == "ok", results[0]["detail"]


@pytest.mark.parametrize("scale", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_scale_is_a_model_error(scale):
    """Found by the fuzzer: an infinite scale passed Prepare's "scale > 0" checks and reached
    QuantizeMultiplier, where converting inf to an integer is undefined."""
    b = ModelBuilder()
    x = b.add_input("x", [4], "INT8", scale=scale, zero_point=0)
    y = b.add_tensor("y", [4], "INT8", scale=0.1, zero_point=0)
    b.add_operator("RELU", [x], [y])
    b.add_output(y)
    with pytest.raises(tflm_host.ModelError, match="NaN or infinite"):
        tflm_host.Interpreter(b.build())


def test_split_v_of_huge_empty_input_does_not_hang():
    """Found by the fuzzer: [2^30, 0] split along axis 1 walked 2^30 empty rows."""
    spec = seed_spec("SPLIT_V", "INT8")
    for t in (spec.tensors[0], spec.tensors[3], spec.tensors[4]):
        t.shape = [2 ** 30, 0]
    spec.tensors[1].data = np.array([0, 0], np.int32)
    results, failures = run_cases([build(spec)])
    assert not failures, failures
    assert results[0]["outcome"] == "ok", results[0]["detail"]


@pytest.mark.parametrize("op", ["RESIZE_NEAREST_NEIGHBOR", "RESIZE_BILINEAR"])
def test_resize_of_empty_input_is_refused(op):
    """Found by the fuzzer: a [1, 0, 2, 3] input was read at row 0 (a segfault)."""
    spec = seed_spec(op, "FLOAT32")
    spec.tensors[0].shape = [1, 0, 2, 3]
    results, failures = run_cases([build(spec)])
    assert not failures, failures
    assert "cannot resize an empty 0 x 2 input" in results[0]["detail"]
