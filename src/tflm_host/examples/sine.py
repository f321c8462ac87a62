"""Runs the bundled sine models on a few points: python -m tflm_host.examples.sine"""
from __future__ import annotations

import numpy as np

from tflm_host import Interpreter
from tflm_host.examples import sine_model_paths

GRID_POINTS = 8


def predict_grid(interp: Interpreter, xs: np.ndarray) -> np.ndarray:
    """One invoke per point (the model's input is [1, 1]), float in and float out."""
    return np.array([interp.predict(np.array([[x]], dtype=np.float32))[0, 0] for x in xs])


def main() -> None:
    interps = {kind: Interpreter(path) for kind, path in sine_model_paths().items()}
    xs = np.linspace(0.0, 2 * np.pi, GRID_POINTS, dtype=np.float32)
    expected = np.sin(xs.astype(np.float64))
    predictions = {kind: predict_grid(interp, xs) for kind, interp in interps.items()}

    print("sine regressor (dense 1 -> 16 -> 16 -> 1, ReLU), run by tflm-host")
    print(f"{'x':>8} {'sin(x)':>9} {'float':>9} {'int8':>9}")
    for i, x in enumerate(xs):
        print(f"{x:8.4f} {expected[i]:9.4f} {predictions['float'][i]:9.4f} "
              f"{predictions['int8'][i]:9.4f}")
    errors = {kind: np.abs(p - expected).max() for kind, p in predictions.items()}
    print(f"{'max |error|':>18} {errors['float']:9.4f} {errors['int8']:9.4f}")
    print(f"{'arena used (bytes)':>18} {interps['float'].arena_used_bytes():9d} "
          f"{interps['int8'].arena_used_bytes():9d}")


if __name__ == "__main__":
    main()
