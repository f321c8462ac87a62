// DEQUANTIZE math: x = float(double(scale) * (q - zero_point)).
#pragma once

#include <cstdint>

namespace tflm_host {
namespace reference {

template <typename In>
void Dequantize(double scale, int32_t zero_point, int64_t size, const In* input, float* output) {
  for (int64_t i = 0; i < size; ++i)
    output[i] = static_cast<float>(scale * (static_cast<int32_t>(input[i]) - zero_point));
}

}  // namespace reference
}  // namespace tflm_host
