// SignalDelay: each row of int16 frames comes out delay_length samples late, as one
// continuous stream across invokes (TFLM keeps it in a circular buffer primed with zeros).
#pragma once

#include <cstdint>
#include <cstring>

namespace tflm_host {
namespace reference {
namespace signal {

// history: the delay_length samples still owed from earlier frames (updated);
// work: frame_size + delay_length samples of scratch.
inline void DelayFrame(const int16_t* input, int frame_size, int delay_length,
                       int16_t* history, int16_t* work, int16_t* output) {
  std::memcpy(work, history, sizeof(int16_t) * delay_length);
  std::memcpy(work + delay_length, input, sizeof(int16_t) * frame_size);
  std::memcpy(output, work, sizeof(int16_t) * frame_size);
  std::memcpy(history, work + frame_size, sizeof(int16_t) * delay_length);
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
