// SignalWindow: each frame times the int16 window, shifted right and saturated to int16.
#pragma once

#include <algorithm>
#include <cstdint>

namespace tflm_host {
namespace reference {
namespace signal {

inline void ApplyWindow(const int16_t* input, const int16_t* window, int size, int shift,
                        int16_t* output) {
  for (int i = 0; i < size; ++i) {
    const int32_t product = (static_cast<int32_t>(input[i]) * window[i]) >> shift;
    output[i] = static_cast<int16_t>(std::clamp<int32_t>(product, INT16_MIN, INT16_MAX));
  }
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
