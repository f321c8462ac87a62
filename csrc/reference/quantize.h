// QUANTIZE math: float -> integer affine quantization, and integer -> integer requantization.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

// float -> int32 as x86's cvttss2si does it (and so TFLM's host build): values out of range,
// and NaN, become INT32_MIN.
inline int32_t TruncateToInt32(float x) {
  constexpr float kTwoPow31 = 2147483648.0f;
  if (!(x >= -kTwoPow31 && x < kTwoPow31)) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(x);
}

template <typename Out>
int32_t ClampTo(int32_t x) {
  return std::min<int32_t>(std::max<int32_t>(x, std::numeric_limits<Out>::min()),
                           std::numeric_limits<Out>::max());
}

// q = clamp(round_half_away(x / scale) + zero_point), the division in float.
template <typename Out>
void AffineQuantize(float scale, int32_t zero_point, int64_t size, const float* input,
                    Out* output) {
  for (int64_t i = 0; i < size; ++i) {
    const int32_t rounded = TruncateToInt32(std::round(input[i] / scale));
    output[i] = static_cast<Out>(ClampTo<Out>(AddWrapping(rounded, zero_point)));
  }
}

struct RequantizeParams {
  int32_t multiplier;  // input scale / output scale
  int shift;
  int32_t input_zero_point;
  int32_t output_zero_point;
};

// q_out = clamp((q_in - zp_in) * input_scale / output_scale + zp_out) in fixed point.
template <typename In, typename Out>
void Requantize(const RequantizeParams& p, int64_t size, const In* input, Out* output) {
  for (int64_t i = 0; i < size; ++i) {
    const int32_t centered = SubWrapping(static_cast<int32_t>(input[i]), p.input_zero_point);
    const int32_t scaled = MultiplyByQuantizedMultiplier(centered, p.multiplier, p.shift);
    output[i] = static_cast<Out>(ClampTo<Out>(AddWrapping(scaled, p.output_zero_point)));
  }
}

}  // namespace reference
}  // namespace tflm_host
