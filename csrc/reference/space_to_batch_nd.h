// SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND math as TFLM's reference kernels: NHWC (or NHC,
// treated as NH1C) tensors; block and padding/crop offsets move pixels between the spatial
// grid and the batch. Both walks are driven by the tensors' own shapes and check every
// coordinate, so any static output shape is safe.
#pragma once

#include <cstdint>
#include <cstring>

namespace tflm_host {
namespace reference {

struct Shape4 {
  int32_t n, h, w, c;
  int64_t Offset(int64_t b, int64_t y, int64_t x) const { return ((b * h + y) * w + x) * c; }
};

struct SpaceBatchParams {
  Shape4 input, output;
  int32_t block_h, block_w;  // block_w is 1 for 3-D tensors
  int32_t pad_top, pad_left;  // SPACE_TO_BATCH paddings, BATCH_TO_SPACE crops
};

// Pixels outside the input are filled with `pad_byte` (0, or an int8 zero point), as TFLM's
// memset does.
inline void SpaceToBatchND(const SpaceBatchParams& p, int element_bytes, uint8_t pad_byte,
                           const uint8_t* input, uint8_t* output) {
  const int64_t pixel_bytes = static_cast<int64_t>(p.input.c) * element_bytes;
  for (int32_t out_b = 0; out_b < p.output.n; ++out_b) {
    const int32_t in_b = out_b % p.input.n;
    const int32_t shift_w = (out_b / p.input.n) % p.block_w;
    const int32_t shift_h = (out_b / p.input.n) / p.block_w;
    for (int32_t out_h = 0; out_h < p.output.h; ++out_h) {
      const int64_t in_h = static_cast<int64_t>(out_h) * p.block_h + shift_h - p.pad_top;
      for (int32_t out_w = 0; out_w < p.output.w; ++out_w) {
        const int64_t in_w = static_cast<int64_t>(out_w) * p.block_w + shift_w - p.pad_left;
        uint8_t* out = output + p.output.Offset(out_b, out_h, out_w) * element_bytes;
        if (in_h < 0 || in_h >= p.input.h || in_w < 0 || in_w >= p.input.w)
          std::memset(out, pad_byte, pixel_bytes);
        else
          std::memcpy(out, input + p.input.Offset(in_b, in_h, in_w) * element_bytes,
                      pixel_bytes);
      }
    }
  }
}

// Output pixels no input pixel lands on keep what the arena held, as in TFLM.
inline void BatchToSpaceND(const SpaceBatchParams& p, int element_bytes, const uint8_t* input,
                           uint8_t* output) {
  const int64_t pixel_bytes = static_cast<int64_t>(p.input.c) * element_bytes;
  for (int32_t in_b = 0; in_b < p.input.n; ++in_b) {
    const int32_t out_b = in_b % p.output.n;
    const int32_t spatial = in_b / p.output.n;
    for (int32_t in_h = 0; in_h < p.input.h; ++in_h) {
      const int64_t out_h =
          static_cast<int64_t>(in_h) * p.block_h + spatial / p.block_w - p.pad_top;
      if (out_h < 0 || out_h >= p.output.h) continue;
      for (int32_t in_w = 0; in_w < p.input.w; ++in_w) {
        const int64_t out_w =
            static_cast<int64_t>(in_w) * p.block_w + spatial % p.block_w - p.pad_left;
        if (out_w < 0 || out_w >= p.output.w) continue;
        std::memcpy(output + p.output.Offset(out_b, out_h, out_w) * element_bytes,
                    input + p.input.Offset(in_b, in_h, in_w) * element_bytes, pixel_bytes);
      }
    }
  }
}

}  // namespace reference
}  // namespace tflm_host
