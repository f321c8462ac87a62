// SignalStacker: stacks left_context + 1 + right_context consecutive frames of num_channels
// int16 values into one output, every `step` frames. The first frame is repeated
// left_context extra times as padding.
#pragma once

#include <cstdint>
#include <cstring>

namespace tflm_host {
namespace reference {
namespace signal {

struct StackerState {
  int32_t count;          // int16 values pending
  int32_t has_first_frame;
};

// pending: capacity for (left + right + 1) frames. Returns true when an output was written.
inline bool StackerPush(const int16_t* frame, int num_channels, int left_context,
                        int stacked_frames, int step, StackerState* state, int16_t* pending,
                        int16_t* output) {
  std::memcpy(pending + state->count, frame, sizeof(int16_t) * num_channels);
  state->count += num_channels;
  if (!state->has_first_frame) {
    for (int i = 0; i < left_context; ++i) {
      std::memcpy(pending + state->count, frame, sizeof(int16_t) * num_channels);
      state->count += num_channels;
    }
    state->has_first_frame = 1;
  }
  const int32_t stacked = stacked_frames * num_channels;
  if (state->count < stacked) return false;
  std::memcpy(output, pending, sizeof(int16_t) * stacked);
  const int32_t dropped = step * num_channels;
  state->count -= dropped;
  std::memmove(pending, pending + dropped, sizeof(int16_t) * state->count);
  return true;
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
