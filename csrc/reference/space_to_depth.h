// SPACE_TO_DEPTH and DEPTH_TO_SPACE math on NHWC tensors, as TFLM's reference kernels: each
// block_size x block_size patch of pixels becomes one pixel with block_size^2 times the
// channels, the patch's row-major position giving the channel group.
#pragma once

#include <cstdint>

namespace tflm_host {
namespace reference {

// The shape of the "space" side (the larger H and W) and the block size.
struct SpaceDepthParams {
  int32_t batches, height, width, depth;  // of the space side
  int32_t block_size;
};

// Calls copy(space_index, depth_index) for every element, in the space side's order.
template <typename Fn>
void ForEachSpaceDepthPair(const SpaceDepthParams& p, const Fn& copy) {
  const int32_t bs = p.block_size;
  const int64_t depth_width = p.width / bs, depth_height = p.height / bs;
  const int64_t depth_channels = static_cast<int64_t>(p.depth) * bs * bs;
  int64_t space_index = 0;
  for (int32_t b = 0; b < p.batches; ++b)
    for (int32_t h = 0; h < p.height; ++h)
      for (int32_t w = 0; w < p.width; ++w) {
        const int64_t pixel = (b * depth_height + h / bs) * depth_width + w / bs;
        const int64_t group = (h % bs) * bs + w % bs;
        const int64_t base = pixel * depth_channels + group * p.depth;
        for (int32_t d = 0; d < p.depth; ++d) copy(space_index++, base + d);
      }
}

template <typename T>
void SpaceToDepth(const SpaceDepthParams& p, const T* input, T* output) {
  ForEachSpaceDepthPair(p, [&](int64_t space, int64_t depth) { output[depth] = input[space]; });
}

template <typename T>
void DepthToSpace(const SpaceDepthParams& p, const T* input, T* output) {
  ForEachSpaceDepthPair(p, [&](int64_t space, int64_t depth) { output[space] = input[depth]; });
}

}  // namespace reference
}  // namespace tflm_host
