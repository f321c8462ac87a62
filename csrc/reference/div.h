// DIV: float and int32 quotients clamped to the activation range, and TFLM's int8 quotient:
// the divisor's reciprocal as a Q0.31 scale (GetReciprocal), the dividend normalised by its
// headroom, then one requantizing multiply and a rounding shift.
#pragma once

#include <algorithm>
#include <cstdint>

#include "reference/fixed_point.h"
#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

struct DivQuantParams {
  int32_t input1_offset, input2_offset, output_offset;  // offsets = -zero points (output +)
  int32_t output_multiplier;
  int output_shift;
  int32_t act_min, act_max;
};

// Leading bits equal to the sign bit, not counting the sign bit (GCC's __builtin_clrsb).
inline int CountLeadingSignBits(int32_t x) { return __builtin_clrsb(x); }

// Quotient of two quantized values; the divisor (with offset) must not be zero.
inline int32_t DivQuantized(const DivQuantParams& p, int32_t a, int32_t b) {
  int32_t dividend = p.input1_offset + a;
  int32_t divisor = p.input2_offset + b;
  if (divisor < 0) {  // the reciprocal must be positive to serve as a multiplier
    dividend = -dividend;
    divisor = -divisor;
  }
  int recip_shift;
  const int32_t reciprocal = fixed_point::Reciprocal(divisor, 31, &recip_shift);
  const int headroom = CountLeadingSignBits(dividend);
  const int32_t unscaled = SaturatingRoundingDoublingHighMul(
      ShiftLeftWrapping(dividend, headroom), reciprocal);
  // A positive total shift would be a negative rounding shift, undefined in TFLM; only
  // absurd scale ratios get there, and they are treated as no shift.
  const int total_shift = p.output_shift - recip_shift - headroom;
  const int32_t scaled = RoundingDivideByPOT(
      SaturatingRoundingDoublingHighMul(unscaled, p.output_multiplier),
      total_shift < 0 ? -total_shift : 0);
  return std::min(p.act_max, std::max(p.act_min, p.output_offset + scaled));
}

}  // namespace reference
}  // namespace tflm_host
