// PAD math as TFLM's reference kernel: shapes are extended to 5-D at the front; an output
// element lies in the padding when, in any dimension, its coordinate is below `left` or at or
// beyond size - `right`; every other output element takes the next input element in order.
// (With negative paddings TFLM's loop still follows exactly this rule, so it is kept as is.)
#pragma once

#include <algorithm>
#include <cstdint>

namespace tflm_host {
namespace reference {

constexpr int kPadDims = 5;

struct PadParams {
  int32_t output_dims[kPadDims];
  int32_t left[kPadDims];
  int32_t right[kPadDims];
  int64_t block[kPadDims];  // elements of the output below one index of each dimension
};

// True when no dimension from d inward is padded: an inside index of d - 1 is then one
// contiguous copy of the input.
inline bool Unpadded(const PadParams& p, int d) {
  for (; d < kPadDims; ++d)
    if (p.left[d] != 0 || p.right[d] != 0) return false;
  return true;
}

template <typename T>
void PadDimension(const PadParams& p, int d, T pad_value, const T*& input, T*& output) {
  if (d == kPadDims - 1 || Unpadded(p, d + 1)) {
    // Nothing inward is padded, so the inside indices of d are one contiguous run of the input:
    // the rule below as one fill, one copy, one fill (block[d] elements per index).
    const int32_t size = p.output_dims[d];
    const int32_t begin = std::clamp(p.left[d], 0, size);
    const int32_t end = std::max(begin, std::min(size, size - p.right[d]));
    output = std::fill_n(output, begin * p.block[d], pad_value);
    output = std::copy_n(input, (end - begin) * p.block[d], output);
    input += (end - begin) * p.block[d];
    output = std::fill_n(output, (size - end) * p.block[d], pad_value);
    return;
  }
  for (int i = 0; i < p.output_dims[d]; ++i) {
    const bool inside = i >= p.left[d] && i < p.output_dims[d] - p.right[d];
    if (!inside) {
      output = std::fill_n(output, p.block[d], pad_value);
    } else {
      PadDimension(p, d + 1, pad_value, input, output);
    }
  }
}

template <typename T>
void Pad(const PadParams& p, const T* input, T pad_value, T* output) {
  PadDimension(p, 0, pad_value, input, output);
}

}  // namespace reference
}  // namespace tflm_host
