// MIRROR_PAD math as TFLM's kernel: every output coordinate maps to an input coordinate per
// dimension; left padding mirrors the first elements, right padding the last. REFLECT
// (offset 1) leaves the edge element out of the mirror, SYMMETRIC (offset 0) repeats it.
#pragma once

#include <algorithm>
#include <cstdint>

namespace tflm_host {
namespace reference {

constexpr int kMirrorPadMaxDims = 6;

struct MirrorPadParams {
  int rank;
  int offset;  // 1 for REFLECT, 0 for SYMMETRIC
  int32_t input_dims[kMirrorPadMaxDims];
  int32_t output_dims[kMirrorPadMaxDims];
  int64_t left[kMirrorPadMaxDims];
  int64_t input_strides[kMirrorPadMaxDims];
};

// TFLM's GetInputDimension: valid for 0 <= left <= size - offset (checked by the caller).
inline int64_t MirrorIndex(int64_t out, int64_t left, int64_t size, int offset) {
  if (out < left) {
    const int64_t edge = left + offset - 1;
    return edge - std::min(out, edge - offset);
  }
  out -= left;
  if (out < size) return out;
  out -= size;
  const int64_t edge = size - 1 - offset;
  return edge - std::min(out, edge);
}

template <typename T>
void MirrorPadDimension(const MirrorPadParams& p, int d, const T* input, T*& output) {
  for (int32_t i = 0; i < p.output_dims[d]; ++i) {
    const T* from =
        input + MirrorIndex(i, p.left[d], p.input_dims[d], p.offset) * p.input_strides[d];
    if (d == p.rank - 1)
      *output++ = *from;
    else
      MirrorPadDimension(p, d + 1, from, output);
  }
}

template <typename T>
void MirrorPad(const MirrorPadParams& p, const T* input, T* output) {
  MirrorPadDimension(p, 0, input, output);
}

}  // namespace reference
}  // namespace tflm_host
