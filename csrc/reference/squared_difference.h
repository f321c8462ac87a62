// SQUARED_DIFFERENCE as TFLM's squared_difference.cc: (a - b)^2 for float and int32 (int32
// wraps), and for int8/int16 both inputs brought to a common scale (after `left_shift` bits
// of headroom) before squaring and requantizing to the output.
#pragma once

#include <algorithm>
#include <cstdint>

#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

struct SquaredDifferenceQuantParams {
  int left_shift;  // 7 for int8, 0 for int16
  int32_t input1_offset, input2_offset, output_offset;  // -zp, -zp, +zp
  int32_t input1_multiplier, input2_multiplier, output_multiplier;
  int input1_shift, input2_shift, output_shift;
  int32_t output_min, output_max;
};

inline float SquaredDifference(float a, float b) {
  const float d = a - b;
  return d * d;
}

inline int32_t SquaredDifference(int32_t a, int32_t b) {
  const uint32_t d = static_cast<uint32_t>(a) - static_cast<uint32_t>(b);
  return static_cast<int32_t>(d * d);
}

template <typename T>
inline T SquaredDifferenceQuantized(T a, T b, const SquaredDifferenceQuantParams& p) {
  const int32_t x = MultiplyByQuantizedMultiplier(
      ShiftLeftWrapping(p.input1_offset + a, p.left_shift), p.input1_multiplier, p.input1_shift);
  const int32_t y = MultiplyByQuantizedMultiplier(
      ShiftLeftWrapping(p.input2_offset + b, p.left_shift), p.input2_multiplier, p.input2_shift);
  const int32_t diff = x - y;
  const int32_t squared = static_cast<int32_t>(static_cast<uint32_t>(diff) * static_cast<uint32_t>(diff));
  const int32_t out = MultiplyByQuantizedMultiplier(squared, p.output_multiplier, p.output_shift) +
                      p.output_offset;
  return static_cast<T>(std::min(p.output_max, std::max(p.output_min, out)));
}

}  // namespace reference
}  // namespace tflm_host
