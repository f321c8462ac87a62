// Fully connected math: out[b][n] = act(sum_k in[b][k] * w[n][k] + bias[n]).
#pragma once

#include <cstdint>

#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

struct FullyConnectedQuantParams {
  int32_t input_offset;    // -input zero point
  int32_t filter_offset;   // -filter zero point (0 for per-channel filters: TFLM ignores it)
  int32_t output_offset;   // output zero point
  const int32_t* multipliers;  // one per output channel
  const int32_t* shifts;
  int32_t act_min, act_max;
};

// int8 (AccT = BiasT = int32_t) or 16x8: int16 activations accumulate in the bias's width,
// int32 or int64 (int64 without bias), as TFLM does. bias may be null.
template <typename InputT, typename AccT, typename BiasT>
inline void FullyConnectedQuantized(const FullyConnectedQuantParams& p, int batches,
                                    int accum_depth, int output_depth, const InputT* input,
                                    const int8_t* filter, const BiasT* bias, InputT* output) {
  for (int b = 0; b < batches; ++b) {
    const InputT* in = input + b * accum_depth;
    for (int n = 0; n < output_depth; ++n) {
      const int8_t* w = filter + n * accum_depth;
      AccT acc = 0;
      for (int k = 0; k < accum_depth; ++k)
        acc += (static_cast<int32_t>(w[k]) + p.filter_offset) *
               (static_cast<int32_t>(in[k]) + p.input_offset);
      if (bias != nullptr) acc += bias[n];
      int32_t value = MultiplyByQuantizedMultiplier(acc, p.multipliers[n], p.shifts[n]);
      value += p.output_offset;
      value = std::min(std::max(value, p.act_min), p.act_max);
      output[b * output_depth + n] = static_cast<InputT>(value);
    }
  }
}

inline void FullyConnectedFloat(float act_min, float act_max, int batches, int accum_depth,
                                int output_depth, const float* input, const float* filter,
                                const float* bias, float* output) {
  for (int b = 0; b < batches; ++b) {
    const float* in = input + b * accum_depth;
    for (int n = 0; n < output_depth; ++n) {
      const float* w = filter + n * accum_depth;
      float total = 0.0f;
      for (int k = 0; k < accum_depth; ++k) total += in[k] * w[k];
      const float bias_value = bias != nullptr ? bias[n] : 0.0f;
      output[b * output_depth + n] = ActivationWithMinMax(total + bias_value, act_min, act_max);
    }
  }
}

}  // namespace reference
}  // namespace tflm_host
