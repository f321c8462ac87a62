// LOGISTIC math: float with TFLM's cutoffs, int8 through gemmlowp-style fixed point, int16
// through reference/sigmoid_int16.h.
#pragma once

#include <cmath>
#include <cstdint>

#include "reference/fixed_point.h"
#include "reference/fixed_point_activation.h"
#include "reference/sigmoid_int16.h"

namespace tflm_host {
namespace reference {

inline void LogisticFloat(int64_t size, const float* input, float* output) {
  // TFLM's approximation: 1 above the upper cutoff, exp(x) below the lower one.
  constexpr float kCutoffUpper = 16.619047164916992188f;
  constexpr float kCutoffLower = -9.0f;
  for (int64_t i = 0; i < size; ++i) {
    const float x = input[i];
    if (x > kCutoffUpper) {
      output[i] = 1.0f;
    } else if (x < kCutoffLower) {
      output[i] = std::exp(x);
    } else {
      output[i] = 1.0f / (1.0f + std::exp(-x));
    }
  }
}

// The output is scale 1/256, zero point -128 (Prepare checks the zero point).
inline void LogisticInt8(const FixedPointActivationParams& p, int64_t size, const int8_t* input,
                         int8_t* output) {
  FixedPointActivationInt8(p, fixed_point::Logistic<kActivationInputIntegerBits>, 8, -128, size,
                           input, output);
}

}  // namespace reference
}  // namespace tflm_host
