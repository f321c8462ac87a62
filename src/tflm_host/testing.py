"""Helpers for the user's own pytest suites."""
from __future__ import annotations

from .tools.regress import check, render_check


def assert_matches_golden(model, golden, kernels: str = "optimized") -> None:
    """Fails (AssertionError with a summary of the changed outputs) unless the model gives the
    same bits as recorded by `tflm-host record` (golden: a path or the dict record() returns)."""
    result = check(model, golden, kernels=kernels, progress=False)
    if not result["passed"]:
        raise AssertionError("model outputs differ from the golden file:\n" + render_check(result))


__all__ = ["assert_matches_golden"]
