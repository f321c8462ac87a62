// HARD_SWISH, element-wise: x * relu6(x + 3) / 6. The int8 kernel is TFLM's 16-bit
// fixed-point evaluation (reference_ops::HardSwish): the input is moved to a "hires" scale
// (x 128), rescaled once onto the output scale and once onto a [-3, 3] -> [-1, 1] ramp, and
// the two are multiplied.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

namespace tflm_host {
namespace reference {

inline void HardSwishFloat(int64_t size, const float* input, float* output) {
  for (int64_t i = 0; i < size; ++i) {
    const float x = input[i];
    output[i] = x * std::min(6.0f, std::max(0.0f, x + 3.0f)) / 6.0f;
  }
}

struct HardSwishQuantParams {
  int32_t input_zero_point, output_zero_point;
  int16_t output_multiplier;   // Q0.15: hires input scale / output scale
  int output_exponent;         // <= 0 (Prepare checks)
  int16_t reluish_multiplier;  // Q0.15: hires input scale / (3 / 32768)
  int reluish_exponent;
};

// gemmlowp's int16 SaturatingRoundingDoublingHighMul: round(a * b / 2^15), saturating.
inline int16_t RoundingDoublingHighMulInt16(int16_t a, int16_t b) {
  constexpr int16_t kMin = std::numeric_limits<int16_t>::min();
  if (a == kMin && b == kMin) return std::numeric_limits<int16_t>::max();
  const int32_t ab = static_cast<int32_t>(a) * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

// The same without rounding (truncates toward zero, like ARM's SQDMULH).
inline int16_t DoublingHighMulInt16(int16_t a, int16_t b) {
  constexpr int16_t kMin = std::numeric_limits<int16_t>::min();
  if (a == kMin && b == kMin) return std::numeric_limits<int16_t>::max();
  return static_cast<int16_t>((static_cast<int32_t>(a) * b) / (1 << 15));
}

// gemmlowp's RoundingDivideByPOT in int16 arithmetic (its mask is an int16 too).
inline int16_t RoundingDivideByPOTInt16(int16_t x, int exponent) {
  const int16_t mask = static_cast<int16_t>((int64_t{1} << exponent) - 1);
  const int16_t remainder = static_cast<int16_t>(x & mask);
  const int16_t threshold = static_cast<int16_t>((mask >> 1) + (x < 0 ? 1 : 0));
  return static_cast<int16_t>((x >> exponent) + (remainder > threshold ? 1 : 0));
}

inline int16_t SaturatingLeftShiftInt16(int16_t value, int amount) {
  const int64_t shifted = static_cast<int64_t>(value) * (int64_t{1} << amount);
  return static_cast<int16_t>(std::min<int64_t>(std::max<int64_t>(shifted, -32768), 32767));
}

template <typename T>
inline void HardSwishQuantized(const HardSwishQuantParams& p, int64_t size, const T* input,
                               T* output) {
  for (int64_t i = 0; i < size; ++i) {
    const auto centered = static_cast<int16_t>(input[i] - p.input_zero_point);
    const auto hires = static_cast<int16_t>(centered * (1 << 7));
    const int16_t on_output_scale = RoundingDoublingHighMulInt16(hires, p.output_multiplier);
    // The ramp: shift left (all but one bit, saturating), multiply, then the last bit, so that
    // only the final shift's saturation shows; or shift right after multiplying.
    int16_t ramp = hires;
    if (p.reluish_exponent > 0) ramp = SaturatingLeftShiftInt16(ramp, p.reluish_exponent - 1);
    ramp = RoundingDoublingHighMulInt16(ramp, p.reluish_multiplier);
    if (p.reluish_exponent > 0) ramp = SaturatingLeftShiftInt16(ramp, 1);
    if (p.reluish_exponent < 0) ramp = RoundingDivideByPOTInt16(ramp, -p.reluish_exponent);
    ramp = static_cast<int16_t>((ramp + (1 << 15)) >> 1);  // [-1, 1] -> [0, 1]
    // Truncating here cancels the rounding biases of the multiplies above (TFLM's choice).
    const int16_t product = DoublingHighMulInt16(ramp, on_output_scale);
    int16_t value = RoundingDivideByPOTInt16(product, -p.output_exponent);
    value = static_cast<int16_t>(value + p.output_zero_point);
    value = std::min<int16_t>(value, std::numeric_limits<T>::max());
    value = std::max<int16_t>(value, std::numeric_limits<T>::min());
    output[i] = static_cast<T>(value);
  }
}

}  // namespace reference
}  // namespace tflm_host
