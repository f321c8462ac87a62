// SignalFramer: cuts each row of an int16 stream into frames of frame_size samples every
// frame_step samples, across invokes. `pending` holds the samples not yet consumed
// (with `prefill`, frame_size - frame_step zeros at the start).
#pragma once

#include <cstdint>
#include <cstring>

namespace tflm_host {
namespace reference {
namespace signal {

// Appends one step of input; when a whole frame is pending, writes it and drops one step.
// Returns false when no frame was ready (the output is then left untouched).
inline bool FramerStep(const int16_t* step_input, int frame_size, int frame_step,
                       int16_t* pending, int32_t* pending_count, int16_t* frame_output) {
  std::memcpy(pending + *pending_count, step_input, sizeof(int16_t) * frame_step);
  *pending_count += frame_step;
  if (*pending_count < frame_size) return false;
  std::memcpy(frame_output, pending, sizeof(int16_t) * frame_size);
  *pending_count -= frame_step;
  std::memmove(pending, pending + frame_step, sizeof(int16_t) * *pending_count);
  return true;
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
