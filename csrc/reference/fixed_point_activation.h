// The int8 path shared by LOGISTIC and TANH: rescale the input to Q4.27, apply a fixed-point
// function with a Q0.31 result, and round that to the int8 output.
#pragma once

#include <algorithm>
#include <cstdint>

#include "reference/fixed_point.h"
#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

constexpr int kActivationInputIntegerBits = 4;

struct FixedPointActivationParams {
  int32_t input_zero_point;
  // Inputs (minus the zero point) at or beyond +-radius saturate without any arithmetic: the
  // rescaling could overflow there.
  int32_t input_range_radius;
  int32_t input_multiplier;  // input scale * 2^27 as a Q31 multiplier and shift
  int input_left_shift;
};

// out = clamp(round(f(x) * 2^output_fractional_bits) + output_offset) for f with Q0.31 output.
template <typename Q0Function>
void FixedPointActivationInt8(const FixedPointActivationParams& p, Q0Function f,
                              int output_fractional_bits, int32_t output_offset, int64_t size,
                              const int8_t* input, int8_t* output) {
  for (int64_t i = 0; i < size; ++i) {
    const int32_t x = static_cast<int32_t>(input[i]) - p.input_zero_point;
    if (x <= -p.input_range_radius) {
      output[i] = -128;
    } else if (x >= p.input_range_radius) {
      output[i] = 127;
    } else {
      const int32_t x_q4 =
          MultiplyByQuantizedMultiplier(x, p.input_multiplier, p.input_left_shift);
      const int32_t y =
          RoundingDivideByPOT(f(x_q4), 31 - output_fractional_bits) + output_offset;
      output[i] = static_cast<int8_t>(std::min(std::max(y, -128), 127));
    }
  }
}

}  // namespace reference
}  // namespace tflm_host
