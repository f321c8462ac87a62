// L2_NORMALIZATION over the last dimension, as TFLM's l2normalization.h: float divides by
// max(sqrt(sum of squares), 1e-6); int8 scales the zero-point-centred values by an integer
// 1/sqrt of their sum of squares into an output of scale 1/128 (zero point 0).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "reference/inv_sqrt.h"
#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

inline void L2NormalizationFloat(int64_t rows, int64_t depth, const float* input, float* output) {
  constexpr float kEpsilon = 1e-6f;
  for (int64_t r = 0; r < rows; ++r) {
    const float* in = input + r * depth;
    float sum_of_squares = 0.0f;
    for (int64_t c = 0; c < depth; ++c) sum_of_squares += in[c] * in[c];
    const float norm = std::max(std::sqrt(sum_of_squares), kEpsilon);
    for (int64_t c = 0; c < depth; ++c) output[r * depth + c] = in[c] / norm;
  }
}

inline void L2NormalizationInt8(int32_t input_zero_point, int64_t rows, int64_t depth,
                                const int8_t* input, int8_t* output) {
  constexpr int kOutputScaleBits = 7;  // output in steps of 1/128
  for (int64_t r = 0; r < rows; ++r) {
    const int8_t* in = input + r * depth;
    uint32_t sum_of_squares = 0;  // wraps like TFLM's int32 on very deep rows
    for (int64_t c = 0; c < depth; ++c) {
      const int32_t centred = in[c] - input_zero_point;
      sum_of_squares += static_cast<uint32_t>(centred * centred);
    }
    int32_t multiplier;
    int shift;
    InvSqrtQuantizedMultiplier(static_cast<int32_t>(sum_of_squares), &multiplier, &shift);
    for (int64_t c = 0; c < depth; ++c) {
      const int32_t value = MultiplyByQuantizedMultiplier(in[c] - input_zero_point, multiplier,
                                                          shift + kOutputScaleBits);
      output[r * depth + c] = static_cast<int8_t>(std::max(-128, std::min(127, value)));
    }
  }
}

}  // namespace reference
}  // namespace tflm_host
