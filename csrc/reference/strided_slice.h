// STRIDED_SLICE math as TFLM's reference kernel: per axis a resolved start, stop (exclusive,
// -1 allowed for negative strides) and a non-zero stride; shapes are extended to 5-D at the
// front with full size-1 axes. StartForAxis/StopForAxis resolve the user's indices the way
// TFLM's strided_slice_logic does at run time.
#pragma once

#include <algorithm>
#include <cstdint>

namespace tflm_host {
namespace reference {

constexpr int kSliceDims = 5;

struct StridedSliceParams {
  int32_t input_dims[kSliceDims];
  int32_t start[kSliceDims];
  int32_t stop[kSliceDims];
  int32_t stride[kSliceDims];
};

// Negative indices count from the end; the result is clamped to [0, size] for forward
// strides and [-1, size - 1] for backward ones; begin_mask takes the whole range.
inline int32_t StartForAxis(int32_t begin, int32_t stride, int32_t size, bool begin_mask) {
  if (begin_mask) return stride > 0 ? 0 : size - 1;
  int64_t start = begin < 0 ? static_cast<int64_t>(begin) + size : begin;
  start = stride > 0 ? std::clamp<int64_t>(start, 0, size) : std::clamp<int64_t>(start, -1, size - 1);
  return static_cast<int32_t>(start);
}

// A shrunk axis takes one element (none when start is past the end); otherwise the end index
// resolves like the start, with end_mask taking the whole range.
inline int32_t StopForAxis(int32_t end, int32_t stride, int32_t size, int32_t start,
                           bool end_mask, bool shrink) {
  if (shrink) return start >= size ? start : start + 1;
  if (end_mask) return stride > 0 ? size : -1;
  int64_t stop = end < 0 ? static_cast<int64_t>(end) + size : end;
  stop = stride > 0 ? std::clamp<int64_t>(stop, 0, size) : std::clamp<int64_t>(stop, -1, size - 1);
  return static_cast<int32_t>(stop);
}

// Elements an axis yields: ceil((stop - start) / stride), at least 0.
inline int64_t SliceLength(int32_t start, int32_t stop, int32_t stride) {
  const int64_t distance = static_cast<int64_t>(stop) - start;
  if ((distance > 0) != (stride > 0) || distance == 0) return 0;
  const int64_t magnitude = stride > 0 ? stride : -static_cast<int64_t>(stride);
  const int64_t span = distance > 0 ? distance : -distance;
  return (span + magnitude - 1) / magnitude;
}

template <typename T>
void SliceAxis(const StridedSliceParams& p, const int64_t* input_strides, int axis,
               int64_t base, const T* input, T*& output) {
  const int64_t count = SliceLength(p.start[axis], p.stop[axis], p.stride[axis]);
  for (int64_t i = 0; i < count; ++i) {
    const int64_t offset = base + (p.start[axis] + i * p.stride[axis]) * input_strides[axis];
    if (axis == kSliceDims - 1) {
      *output++ = input[offset];
    } else {
      SliceAxis(p, input_strides, axis + 1, offset, input, output);
    }
  }
}

template <typename T>
void StridedSlice(const StridedSliceParams& p, const T* input, T* output) {
  int64_t input_strides[kSliceDims];
  input_strides[kSliceDims - 1] = 1;
  for (int d = kSliceDims - 2; d >= 0; --d)
    input_strides[d] = input_strides[d + 1] * p.input_dims[d + 1];
  SliceAxis(p, input_strides, 0, 0, input, output);
}

}  // namespace reference
}  // namespace tflm_host
