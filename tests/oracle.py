"""The oracle: run a model in the official TFLM Python interpreter (tflite-micro) and in
tflm-host on the same inputs, and compare: integers identical, floats within 1e-5 relative.

The oracle aborts the whole process when a TFLM kernel check fails, so only valid models may
be given to it.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

import tflm_host

REPO_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = Path(os.environ.get("TFLM_MODELS", REPO_ROOT.parent / "shared" / "models" / "tflm"))
KERNEL_VARIANTS = ("reference", "optimized")
FLOAT_RTOL = 1e-5


def shared_model(relative: str) -> Path:
    """Path of a shared TFLM model; skips the test when the shared folder is absent."""
    path = MODELS_DIR / relative
    if not path.exists():
        pytest.skip(f"shared TFLM model {relative} not found under {MODELS_DIR} (set TFLM_MODELS)")
    return path


def _oracle_runtime():
    try:
        from tflite_micro.python.tflite_micro import runtime
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.skip("tflite-micro (the oracle) is not installed: pip install .[test]")
    return runtime


def random_inputs(model, rng: np.random.Generator) -> list[np.ndarray]:
    """One random input per model input, covering each integer type's full range."""
    interp = tflm_host.Interpreter(model)
    out = []
    for i in range(interp.num_inputs):
        d = interp.get_input_details(i)
        dtype, shape = np.dtype(d["dtype"]), tuple(d["shape"])
        if np.issubdtype(dtype, np.integer):
            info = np.iinfo(dtype)
            out.append(rng.integers(info.min, info.max, size=shape, endpoint=True).astype(dtype))
        elif dtype == np.bool_:
            out.append(rng.integers(0, 2, size=shape).astype(bool))
        else:
            out.append(rng.uniform(-2.0, 2.0, size=shape).astype(dtype))
    return out


def run_oracle(model_bytes: bytes, input_sets, arena_size: int | None = None):
    """Runs the invokes in order on one oracle interpreter (state carries over)."""
    runtime = _oracle_runtime()
    if arena_size is None:
        arena_size = 2 * tflm_host.Interpreter(model_bytes).arena_used_bytes() + 256 * 1024
    interp = runtime.Interpreter.from_bytes(bytes(model_bytes), arena_size=arena_size)
    results = []
    for inputs in input_sets:
        for i, x in enumerate(inputs):
            interp.set_input(x, i)
        interp.invoke()
        n = len(tflm_host.load_model(model_bytes).main.outputs)
        results.append([interp.get_output(i) for i in range(n)])
    return results


def run_host(model_bytes: bytes, input_sets, kernels: str = "reference", num_threads: int = 1):
    interp = tflm_host.Interpreter(model_bytes, kernels=kernels, num_threads=num_threads)
    return invoke_all(interp, input_sets)


def invoke_all(interp, input_sets):
    """Invokes `interp` once per input set, in order; each invoke's outputs."""
    results = []
    for inputs in input_sets:
        for i, x in enumerate(inputs):
            interp.set_input(x, i)
        interp.invoke()
        results.append([interp.get_output(i) for i in range(interp.num_outputs)])
    return results


def assert_same_outputs(ours, expected, context: str = "") -> None:
    for step, (got_list, want_list) in enumerate(zip(ours, expected)):
        assert len(got_list) == len(want_list)
        for k, (got, want) in enumerate(zip(got_list, want_list)):
            where = f"{context} invoke {step} output {k}"
            assert got.dtype == want.dtype, f"{where}: dtype {got.dtype} != {want.dtype}"
            assert got.shape == want.shape, f"{where}: shape {got.shape} != {want.shape}"
            if np.issubdtype(want.dtype, np.floating):
                np.testing.assert_allclose(got, want, rtol=FLOAT_RTOL, atol=1e-6, err_msg=where)
            else:
                np.testing.assert_array_equal(got, want, err_msg=where)


def assert_matches_oracle(model_bytes, inputs=None, invokes: int = 1, seed: int = 0,
                          kernels=KERNEL_VARIANTS) -> None:
    """Runs `invokes` sequential invokes (random inputs unless `inputs` is given: a list of
    arrays for one invoke, or a list of such lists) in the oracle and in every kernel variant."""
    if isinstance(model_bytes, (str, os.PathLike)):
        model_bytes = Path(model_bytes).read_bytes()
    if inputs is None:
        rng = np.random.default_rng(seed)
        input_sets = [random_inputs(model_bytes, rng) for _ in range(invokes)]
    elif inputs and isinstance(inputs[0], np.ndarray):
        input_sets = [list(inputs)] * invokes
    else:
        input_sets = [list(s) for s in inputs]
    expected = run_oracle(model_bytes, input_sets)
    for variant in kernels:
        assert_same_outputs(run_host(model_bytes, input_sets, variant), expected, variant)


def assert_reset_matches_fresh_oracle(model_bytes, before: int = 3, after: int = 2,
                                      seed: int = 7) -> None:
    """Runs `before` invokes, reset(), then `after` invokes in every kernel variant, and
    compares the latter with a fresh oracle interpreter (state back to its initial value)."""
    rng = np.random.default_rng(seed)
    warmup = [random_inputs(model_bytes, rng) for _ in range(before)]
    checked = [random_inputs(model_bytes, rng) for _ in range(after)]
    expected = run_oracle(model_bytes, checked)
    for variant in KERNEL_VARIANTS:
        interp = tflm_host.Interpreter(model_bytes, kernels=variant)
        invoke_all(interp, warmup)
        interp.reset()
        assert_same_outputs(invoke_all(interp, checked), expected, variant)
