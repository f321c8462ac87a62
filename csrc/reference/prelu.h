// PRELU: x >= 0 ? x : alpha * x, with alpha broadcast against x (TFLM's BroadcastPrelu4DSlow).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "reference/broadcast.h"
#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

inline void PreluFloat(const BroadcastPlan& plan, const float* input, const float* alpha,
                       float* output) {
  BroadcastBinary(plan, input, alpha, output,
                  [](float x, float a) { return x >= 0.0f ? x : x * a; });
}

struct PreluQuantParams {
  int32_t input_offset, alpha_offset;  // -zero points
  int32_t output_offset;               // output zero point
  int32_t identity_multiplier;         // input_scale / output_scale
  int identity_shift;
  int32_t alpha_multiplier;            // input_scale * alpha_scale / output_scale
  int alpha_shift;
};

// Non-negative inputs are rescaled alone, negative ones multiplied by alpha first (both
// zero-point corrected); the result is clamped to T only. int8 inputs have int8 alphas,
// int16 inputs int8 alphas too (TFLM's 16x8 PRELU).
template <typename T>
inline void PreluQuantized(const BroadcastPlan& plan, const PreluQuantParams& p, const T* input,
                           const int8_t* alpha, T* output) {
  BroadcastBinary(plan, input, alpha, output, [&p](T x, int8_t a) {
    const int32_t centered = p.input_offset + x;
    const int32_t scaled =
        centered >= 0
            ? MultiplyByQuantizedMultiplier(centered, p.identity_multiplier, p.identity_shift)
            : MultiplyByQuantizedMultiplier(centered * (p.alpha_offset + a), p.alpha_multiplier,
                                            p.alpha_shift);
    const int32_t value = scaled + p.output_offset;
    return static_cast<T>(std::min<int32_t>(std::numeric_limits<T>::max(),
                                            std::max<int32_t>(std::numeric_limits<T>::min(),
                                                              value)));
  });
}

}  // namespace reference
}  // namespace tflm_host
