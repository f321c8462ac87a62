"""Helpers shared by the tools: user-facing errors, input files, a progress bar."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

from ..errors import TflmHostError
from ..interpreter import Interpreter


class ToolError(TflmHostError):
    """A problem with the user's files or arguments; the CLI prints it as one line."""


def open_interpreter(model, **kwargs) -> Interpreter:
    if isinstance(model, (str, os.PathLike)) and not Path(model).is_file():
        raise ToolError(f"model file not found: {model}")
    return Interpreter(model, **kwargs)


def _load_numpy(path: Path, what: str = "input file"):
    if not path.is_file():
        raise ToolError(f"{what} not found: {path}")
    try:
        return np.load(path, allow_pickle=False)
    except (OSError, ValueError) as e:
        raise ToolError(f"{path}: not a numpy .npy/.npz file ({e})") from None


def load_array(path) -> np.ndarray:
    """One array from a .npy file (or the only array of a .npz)."""
    path = Path(path)
    loaded = _load_numpy(path)
    if isinstance(loaded, np.lib.npyio.NpzFile):
        with loaded:
            if len(loaded.files) != 1:
                raise ToolError(f"{path}: holds {len(loaded.files)} arrays; pass one array per .npy")
            return loaded[loaded.files[0]]
    return loaded


def load_samples(source) -> list[list[np.ndarray]]:
    """Dataset samples, each a list with one array per model input.

    source: a directory of .npy/.npz files (one file per sample; an .npz holds the inputs in
    the order of its names input_0, input_1, ... or its stored order), or one .npz whose arrays
    each hold a batch (N, *shape) of one input, or one .npy batch for a one-input model."""
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".npy", ".npz"))
        if not files:
            raise ToolError(f"{path}: no .npy or .npz files in the directory")
        return [_sample_file(f) for f in files]
    loaded = _load_numpy(path, "inputs")
    if isinstance(loaded, np.lib.npyio.NpzFile):
        with loaded:
            batches = [loaded[name] for name in _input_order(loaded.files)]
    else:
        batches = [loaded]
    count = len(batches[0])
    if any(len(b) != count for b in batches):
        raise ToolError(f"{path}: the arrays disagree on the number of samples")
    return [[b[i] for b in batches] for i in range(count)]


def _sample_file(path: Path) -> list[np.ndarray]:
    loaded = _load_numpy(path)
    if isinstance(loaded, np.lib.npyio.NpzFile):
        with loaded:
            return [loaded[name] for name in _input_order(loaded.files)]
    return [loaded]


def _input_order(names: list[str]) -> list[str]:
    def key(name: str):
        digits = "".join(ch for ch in name if ch.isdigit())
        return (int(digits) if digits else 0, name)
    return sorted(names, key=key)


def fit_input(interp: Interpreter, index: int, x: np.ndarray, as_float: bool,
              where: str = "") -> np.ndarray:
    """Checks a user's array against input `index` and returns it ready for set_input (a
    missing batch axis of size 1 is added; with as_float the dtype is left to predict())."""
    details = interp.get_input_details(index)
    shape, dtype = tuple(int(d) for d in details["shape"]), np.dtype(details["dtype"])
    x = np.asarray(x)
    if x.shape != shape and x.size == int(np.prod(shape)) and x.shape == shape[1:]:
        x = x.reshape(shape)
    if x.shape != shape:
        raise ToolError(f"{where}input {index} ({details['name']}) expects shape {list(shape)}, "
                        f"got {list(x.shape)}")
    if as_float:
        graph = interp.model.main
        if x.dtype == dtype and graph.tensors[graph.inputs[index]].quantization is None:
            return x  # an input without quantization (a condition, indices, raw audio) as is
        if not np.issubdtype(x.dtype, np.floating):
            raise ToolError(f"{where}input {index}: --float expects float data, got {x.dtype}")
        return x.astype(np.float32)
    if x.dtype != dtype:
        hint = " (use --float to quantize float data)" if np.issubdtype(x.dtype, np.floating) else ""
        raise ToolError(f"{where}input {index} ({details['name']}) expects dtype {dtype}, "
                        f"got {x.dtype}{hint}")
    return x


def check_input_count(interp: Interpreter, count: int, where: str = "") -> None:
    if count != interp.num_inputs:
        raise ToolError(f"{where}the model has {interp.num_inputs} input(s), got {count}")


class Progress:
    """A one-line progress bar on stderr (only drawn when stderr is a terminal, or when
    forced), redrawn at most ten times a second."""

    def __init__(self, total: int, label: str = "", enabled: bool | None = None, width: int = 30):
        self.total, self.label, self.width = max(total, 0), label, width
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.done = 0
        self._last_draw = 0.0
        self._start = time.monotonic()

    def __enter__(self):
        self._draw(force=True)
        return self

    def update(self, count: int = 1) -> None:
        self.done += count
        self._draw(force=self.done >= self.total)

    def __exit__(self, *exc) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._last_draw < 0.1):
            return
        self._last_draw = now
        share = self.done / self.total if self.total else 1.0
        filled = int(round(share * self.width))
        bar = "#" * filled + "-" * (self.width - filled)
        rate = self.done / (now - self._start) if now > self._start else 0.0
        sys.stderr.write(f"\r{self.label} [{bar}] {self.done}/{self.total} ({rate:.1f}/s)")
        sys.stderr.flush()


def dtype_name(dtype) -> str:
    return np.dtype(dtype).name


def format_bytes(n: int) -> str:
    return f"{n:,}"
