// Quantized ABS and RSQRT as TFLM's elementwise.cc computes them (int8, and int16 with zero
// points of 0).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>

#include "reference/inv_sqrt.h"
#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

struct AbsRsqrtQuantParams {
  int32_t input_zero_point, output_zero_point;
  bool rescale;  // ABS: input and output scales differ
  int32_t multiplier;
  int shift;
};

template <typename T>
inline T ClampToType(int32_t x) {
  return static_cast<T>(std::min<int32_t>(std::max<int32_t>(x, std::numeric_limits<T>::min()),
                                          std::numeric_limits<T>::max()));
}

template <typename T>
inline T AbsQuantized(T x, const AbsRsqrtQuantParams& p) {
  const int32_t magnitude = std::abs(x - p.input_zero_point);
  const int32_t scaled =
      p.rescale ? MultiplyByQuantizedMultiplier(magnitude, p.multiplier, p.shift) : magnitude;
  return ClampToType<T>(scaled + p.output_zero_point);
}

// Callers have checked x >= the input zero point (TFLM fails the invoke otherwise).
template <typename T>
inline T RsqrtQuantized(T x, const AbsRsqrtQuantParams& p) {
  const int32_t value = x - p.input_zero_point;
  if (value == 0) return std::numeric_limits<T>::max();  // 1/sqrt(0): the largest output
  constexpr int kShift = 20;  // headroom that keeps 1/sqrt(value) an integer
  int32_t inv_sqrt_multiplier;
  int inv_sqrt_shift;
  InvSqrtQuantizedMultiplier(value, &inv_sqrt_multiplier, &inv_sqrt_shift);
  const int32_t inv_sqrt =
      MultiplyByQuantizedMultiplier(int32_t{1}, inv_sqrt_multiplier, inv_sqrt_shift + kShift);
  return ClampToType<T>(
      MultiplyByQuantizedMultiplier(inv_sqrt, p.multiplier, p.shift - kShift) +
      p.output_zero_point);
}

}  // namespace reference
}  // namespace tflm_host
