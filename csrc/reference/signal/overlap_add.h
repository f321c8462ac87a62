// SignalOverlapAdd: adds each frame of frame_size samples into a running buffer (the op's
// state), emits its first frame_step samples and shifts it left by as many. int16 saturates.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace tflm_host {
namespace reference {
namespace signal {

template <typename T>
void OverlapAddFrame(const T* input, T* buffer, int frame_size, T* output, int frame_step) {
  for (int i = 0; i < frame_size; ++i) {
    if constexpr (std::is_same_v<T, int16_t>) {
      buffer[i] = static_cast<int16_t>(
          std::clamp<int32_t>(int32_t{input[i]} + buffer[i], INT16_MIN, INT16_MAX));
    } else {
      buffer[i] += input[i];
    }
  }
  std::memcpy(output, buffer, sizeof(T) * frame_step);
  std::memmove(buffer, buffer + frame_step, sizeof(T) * (frame_size - frame_step));
  std::memset(buffer + frame_size - frame_step, 0, sizeof(T) * frame_step);
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
