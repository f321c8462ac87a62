"""Input/output quantization with TFLM's arithmetic (the QUANTIZE and DEQUANTIZE kernels).

quantize: q = clamp(round_half_away(x / scale) + zero_point), the division in float32.
dequantize: x = float32(double(scale) * (q - zero_point)).
"""
from __future__ import annotations

import numpy as np

_INTEGER_RANGES = {np.dtype(t): (np.iinfo(t).min, np.iinfo(t).max)
                   for t in (np.int8, np.uint8, np.int16, np.uint16, np.int32)}


def _channel_params(scale, zero_point, ndim: int, axis: int | None):
    scale = np.asarray(scale, dtype=np.float32)
    zero_point = np.asarray(zero_point, dtype=np.int64)
    if scale.ndim == 0 or scale.size == 1:
        return scale.reshape(()), zero_point.reshape(())
    if axis is None:
        raise ValueError("per-channel scales need an axis")
    shape = [1] * ndim
    shape[axis] = scale.size
    return scale.reshape(shape), zero_point.reshape(shape)


def quantize(x, scale, zero_point, dtype=np.int8, axis: int | None = None) -> np.ndarray:
    """Quantizes float values as TFLM's QUANTIZE kernel does."""
    dtype = np.dtype(dtype)
    if dtype not in _INTEGER_RANGES:
        raise TypeError(f"quantize to {dtype} is not supported; use int8, uint8, int16 or int32")
    x = np.asarray(x, dtype=np.float32)
    scale, zero_point = _channel_params(scale, zero_point, x.ndim, axis)
    if np.any(scale <= 0) or not np.all(np.isfinite(scale)):
        raise ValueError(f"scale must be positive and finite, got {scale}")
    with np.errstate(over="ignore", invalid="ignore"):
        ratio = (x / scale).astype(np.float64)           # float32 division, as TFLM does
        rounded = np.sign(ratio) * np.floor(np.abs(ratio) + 0.5)  # round half away from zero
    low, high = _INTEGER_RANGES[dtype]
    rounded = np.nan_to_num(rounded, nan=0.0, posinf=2.0**31 - 1, neginf=-(2.0**31))
    # TFLM casts to int32 before adding the zero point; int32 saturates on the host here.
    as_int32 = np.clip(rounded, -(2.0**31), 2.0**31 - 1).astype(np.int64)
    return np.clip(as_int32 + zero_point, low, high).astype(dtype)


def dequantize(q, scale, zero_point, axis: int | None = None) -> np.ndarray:
    """Dequantizes integers as TFLM's DEQUANTIZE kernel does (double math, float32 result)."""
    q = np.asarray(q)
    if not np.issubdtype(q.dtype, np.integer):
        raise TypeError(f"dequantize expects integer data, got {q.dtype}")
    scale = np.asarray(scale, dtype=np.float32).astype(np.float64)
    scale, zero_point = _channel_params(scale, zero_point, q.ndim, axis)
    return (scale.astype(np.float64) * (q.astype(np.int64) - zero_point)).astype(np.float32)
