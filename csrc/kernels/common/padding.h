// Output size and padding of a sliding window, as TFLM computes them for conv and pooling
// ops (ComputeOutSize / ComputePaddingWithOffset): SAME pads so that out = ceil(in / stride),
// splitting the total padding with the odd pixel at the end.
#pragma once

#include "core/options.h"

namespace tflm_host {

inline int EffectiveFilterSize(int filter_size, int dilation) {
  return (filter_size - 1) * dilation + 1;
}

// The output size TFLM expects for one spatial dimension; may be <= 0 for an oversized VALID
// filter (the caller rejects that).
inline int WindowOutputSize(Padding padding, int in_size, int filter_size, int stride,
                            int dilation) {
  if (padding == Padding::kSame) return (in_size + stride - 1) / stride;
  return (in_size + stride - EffectiveFilterSize(filter_size, dilation)) / stride;
}

// Padding before the first input pixel; `offset` receives the extra pixel padded at the end.
inline int WindowPadding(int stride, int dilation, int in_size, int filter_size, int out_size,
                         int* offset) {
  int total = (out_size - 1) * stride + EffectiveFilterSize(filter_size, dilation) - in_size;
  if (total < 0) total = 0;
  *offset = total % 2;
  return total / 2;
}

}  // namespace tflm_host
