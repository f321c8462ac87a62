// RELU and RELU6, element-wise.
#pragma once

#include <algorithm>
#include <cstdint>

#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

// NaN passes through both float versions, as in TFLM.
inline void ReluFloat(int64_t size, const float* input, float* output) {
  for (int64_t i = 0; i < size; ++i) output[i] = input[i] < 0.0f ? 0.0f : input[i];
}

inline void Relu6Float(int64_t size, const float* input, float* output) {
  for (int64_t i = 0; i < size; ++i) {
    const float v = input[i];
    output[i] = v > 6.0f ? 6.0f : v < 0.0f ? 0.0f : v;
  }
}

struct ReluQuantParams {
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier;  // input_scale / output_scale
  int shift;
  int32_t act_min, act_max;  // in output units: [max(qmin, output zero point), qmax]
};

// Requantizes into the output's scale, then clamps at the output's zero.
template <typename T>
inline void ReluQuantized(const ReluQuantParams& p, int64_t size, const T* input, T* output) {
  for (int64_t i = 0; i < size; ++i) {
    int32_t v = p.output_zero_point +
                MultiplyByQuantizedMultiplier(static_cast<int32_t>(input[i]) - p.input_zero_point,
                                              p.multiplier, p.shift);
    v = std::min(std::max(v, p.act_min), p.act_max);
    output[i] = static_cast<T>(v);
  }
}

// Clamps to [zero, six] given in the input's units; TFLM's RELU6 never rescales.
template <typename T>
inline void Relu6Quantized(T zero, T six, int64_t size, const T* input, T* output) {
  for (int64_t i = 0; i < size; ++i) {
    const T v = input[i];
    output[i] = v > six ? six : v < zero ? zero : v;
  }
}

}  // namespace reference
}  // namespace tflm_host
