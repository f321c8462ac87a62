"""Shared pieces of the benchmarks: model paths, machine facts, interleaved timing."""
from __future__ import annotations

import os
import platform
import statistics
import subprocess
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = Path(os.environ.get("TFLM_MODELS", REPO_ROOT.parent / "shared" / "models" / "tflm"))


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, commit {commit}"


def time_per_call(fn, min_seconds: float = 0.05) -> float:
    """Seconds per call of fn, from a loop that runs at least min_seconds."""
    fn()
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed / calls
        calls *= 2


def interleaved_medians(candidates: dict, rounds: int = 7, min_seconds: float = 0.05) -> dict:
    """Median seconds per call of each candidate, timed in alternating rounds so that
    machine noise hits all of them alike."""
    samples = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, fn in candidates.items():
            samples[name].append(time_per_call(fn, min_seconds))
    return {name: statistics.median(values) for name, values in samples.items()}
