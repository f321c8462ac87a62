"""Example models bundled with tflm-host (regenerate with tools/make_sine_model.py)."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

_SINE_FILES = {"float": "sine_float.tflite", "int8": "sine_int8.tflite"}


def sine_model_paths() -> dict[str, Path]:
    """Paths of the bundled sine regressors, {"float": ..., "int8": ...}: TFLM's "hello world"
    network (x in [0, 2*pi] -> sin(x)) as float32 and as int8 post-training quantized."""
    package = resources.files(__name__)
    # The package holds a compiled extension, so it is always installed as real files.
    return {kind: Path(str(package / name)) for kind, name in _SINE_FILES.items()}


__all__ = ["sine_model_paths"]
