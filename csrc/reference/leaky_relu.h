// LEAKY_RELU, element-wise: x > 0 ? x : alpha * x.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

// Not max(x, alpha * x): alpha may exceed 1 or be negative.
inline void LeakyReluFloat(float alpha, int64_t size, const float* input, float* output) {
  for (int64_t i = 0; i < size; ++i) {
    const float v = input[i];
    output[i] = v > 0.0f ? v : v * alpha;
  }
}

struct LeakyReluQuantParams {
  int32_t input_zero_point, output_zero_point;
  int32_t identity_multiplier;  // input_scale / output_scale
  int identity_shift;
  int32_t alpha_multiplier;     // input_scale * alpha / output_scale (negative for alpha < 0)
  int alpha_shift;
};

// Inputs at or above the zero point take the identity rescale, the others the alpha one;
// the result is clamped to T only (no fused activation).
template <typename T>
inline void LeakyReluQuantized(const LeakyReluQuantParams& p, int64_t size, const T* input,
                               T* output) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t centered = static_cast<int32_t>(input[i]) - p.input_zero_point;
    int32_t scaled;
    if (centered >= 0) {
      scaled = MultiplyByQuantizedMultiplier(centered, p.identity_multiplier, p.identity_shift);
    } else if (p.alpha_multiplier < 0) {
      // TFLM scales by |alpha| and negates: rounding is symmetric to positive alpha.
      scaled = -MultiplyByQuantizedMultiplier(centered, -p.alpha_multiplier, p.alpha_shift);
    } else {
      scaled = MultiplyByQuantizedMultiplier(centered, p.alpha_multiplier, p.alpha_shift);
    }
    output[i] = static_cast<T>(std::min(kMax, std::max(kMin, p.output_zero_point + scaled)));
  }
}

}  // namespace reference
}  // namespace tflm_host
