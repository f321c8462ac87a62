// int8 lookup tables built from a float function, as TFLM's 8-bit LUT kernels (ELU) fill
// them: dequantize each of the 256 inputs, transform, requantize in float and clamp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tflm_host {
namespace reference {

constexpr int kInt8LutSize = 256;

template <typename Fn>
inline void BuildInt8Lut(float input_scale, int32_t input_zero_point, float output_scale,
                         int32_t output_zero_point, const Fn& transform, int8_t* table) {
  const float inverse_scale = 1.0f / output_scale;
  for (int32_t value = -128; value <= 127; ++value) {
    const float dequantized = input_scale * static_cast<float>(value - input_zero_point);
    const float rescaled = std::round(transform(dequantized) * inverse_scale);
    const int32_t quantized = static_cast<int32_t>(rescaled + static_cast<float>(output_zero_point));
    table[static_cast<uint8_t>(value)] = static_cast<int8_t>(std::max(-128, std::min(127, quantized)));
  }
}

inline int8_t LookupInt8Lut(int8_t x, const int8_t* table) {
  return table[static_cast<uint8_t>(x)];
}

}  // namespace reference
}  // namespace tflm_host
