// RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR on NHWC tensors, with TFLM's float arithmetic
// for the source coordinates (which fixes which pixels are picked) and its 10-bit fixed-point
// arithmetic for integer bilinear resizing.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace tflm_host {
namespace reference {

struct ResizeParams {
  int32_t batches, input_height, input_width, depth, output_height, output_width;
  bool align_corners, half_pixel_centers;
};

// The source row (column) of output row (column) `out`, as TFLM's GetNearestNeighbor.
inline int32_t NearestSourceIndex(int32_t out, int32_t input_size, int32_t output_size,
                                  bool align_corners, bool half_pixel_centers) {
  const float scale = (align_corners && output_size > 1)
                          ? (input_size - 1) / static_cast<float>(output_size - 1)
                          : input_size / static_cast<float>(output_size);
  const float offset = half_pixel_centers ? 0.5f : 0.0f;
  const float source = (out + offset) * scale;
  int32_t index = static_cast<int32_t>(align_corners ? std::round(source) : std::floor(source));
  index = std::min(index, input_size - 1);
  if (half_pixel_centers) index = std::max(index, 0);
  return index;
}

// Copies whole pixels (depth elements of `T`); any type of the element's size will do.
template <typename T>
inline void ResizeNearestNeighbor(const ResizeParams& p, const T* input, T* output) {
  const int64_t row = static_cast<int64_t>(p.input_width) * p.depth;
  const int64_t image = row * p.input_height;
  for (int32_t b = 0; b < p.batches; ++b) {
    const T* image_in = input + b * image;
    for (int32_t y = 0; y < p.output_height; ++y) {
      const T* row_in = image_in + NearestSourceIndex(y, p.input_height, p.output_height,
                                                      p.align_corners, p.half_pixel_centers) * row;
      for (int32_t x = 0; x < p.output_width; ++x) {
        const int32_t source_x = NearestSourceIndex(x, p.input_width, p.output_width,
                                                    p.align_corners, p.half_pixel_centers);
        std::memcpy(output, row_in + static_cast<int64_t>(source_x) * p.depth,
                    p.depth * sizeof(T));
        output += p.depth;
      }
    }
  }
}

// input_size / output_size, or (size - 1) ratios with align_corners (TFLM's scale rules).
inline float BilinearScale(int32_t input_size, int32_t output_size, bool align_corners) {
  if (align_corners && output_size > 1)
    return static_cast<float>(input_size - 1) / (output_size - 1);
  return static_cast<float>(input_size) / output_size;
}

// Source coordinate of an output row/column and its two neighbouring source indices.
struct BilinearTap {
  float position;
  int32_t lower, upper;
};

inline BilinearTap FloatTap(int32_t out, float scale, bool half_pixel_centers,
                            int32_t input_size) {
  const float value = static_cast<float>(out);
  BilinearTap tap;
  tap.position = half_pixel_centers ? (value + 0.5f) * scale - 0.5f : value * scale;
  tap.lower = std::max(static_cast<int32_t>(std::floor(tap.position)), int32_t{0});
  tap.upper = std::min(static_cast<int32_t>(std::ceil(tap.position)), input_size - 1);
  return tap;
}

// Visits the output pixels in NHWC order: emit(ty, tx, p00, p10, p01, p11) gets the row and
// column taps and the four source pixels (rows lower/upper, columns lower/upper).
template <typename T, typename TapY, typename TapX, typename Emit>
inline void ForEachBilinearPixel(const ResizeParams& p, const T* input, TapY tap_y, TapX tap_x,
                                 Emit emit) {
  const int64_t row = static_cast<int64_t>(p.input_width) * p.depth;
  for (int32_t b = 0; b < p.batches; ++b) {
    const T* image = input + b * row * p.input_height;
    for (int32_t y = 0; y < p.output_height; ++y) {
      const auto ty = tap_y(y);
      for (int32_t x = 0; x < p.output_width; ++x) {
        const auto tx = tap_x(x);
        emit(ty, tx, image + ty.lower * row + tx.lower * p.depth,
             image + ty.upper * row + tx.lower * p.depth,
             image + ty.lower * row + tx.upper * p.depth,
             image + ty.upper * row + tx.upper * p.depth);
      }
    }
  }
}

// Float bilinear: the four-term sum in TFLM's order (so float rounding matches).
inline void ResizeBilinearFloat(const ResizeParams& p, const float* input, float* output) {
  const float height_scale = BilinearScale(p.input_height, p.output_height, p.align_corners);
  const float width_scale = BilinearScale(p.input_width, p.output_width, p.align_corners);
  ForEachBilinearPixel(
      p, input,
      [&](int32_t y) { return FloatTap(y, height_scale, p.half_pixel_centers, p.input_height); },
      [&](int32_t x) { return FloatTap(x, width_scale, p.half_pixel_centers, p.input_width); },
      [&](const BilinearTap& ty, const BilinearTap& tx, const float* p00, const float* p10,
          const float* p01, const float* p11) {
        const float dy = ty.position - ty.lower, dx = tx.position - tx.lower;
        for (int32_t c = 0; c < p.depth; ++c) {
          *output++ = p00[c] * (1 - dy) * (1 - dx) + p10[c] * dy * (1 - dx) +
                      p01[c] * (1 - dy) * dx + p11[c] * dy * dx + 0.0f;
        }
      });
}

// Integer bilinear: positions in 1/1024 pixel, weights multiplied in int64 and the 2^20
// scaled sum rounded half away from zero (TFLM's default, not single-rounding, build).
constexpr int32_t kBilinearOne = 1 << 10;

inline int32_t BilinearScale10(int32_t input_size, int32_t output_size, bool align_corners) {
  if (align_corners && output_size > 1)
    return (kBilinearOne * (input_size - 1) + (output_size - 1) / 2) / (output_size - 1);
  return (kBilinearOne * input_size + output_size / 2) / output_size;
}

struct BilinearTap10 {
  int32_t position;  // in 1/1024 pixel
  int32_t lower, upper;
};

inline BilinearTap10 IntegerTap(int32_t out, int32_t scale_10, bool half_pixel_centers,
                                int32_t input_size) {
  BilinearTap10 tap;
  tap.position = half_pixel_centers ? out * scale_10 + scale_10 / 2 - kBilinearOne / 2
                                    : out * scale_10;
  tap.lower = std::max(tap.position / kBilinearOne, int32_t{0});  // truncates toward zero
  tap.upper = std::min((tap.position + kBilinearOne - 1) / kBilinearOne, input_size - 1);
  return tap;
}

template <typename T>
inline void ResizeBilinearInteger(const ResizeParams& p, const T* input, T* output) {
  const int32_t height_scale = BilinearScale10(p.input_height, p.output_height, p.align_corners);
  const int32_t width_scale = BilinearScale10(p.input_width, p.output_width, p.align_corners);
  ForEachBilinearPixel(
      p, input,
      [&](int32_t y) { return IntegerTap(y, height_scale, p.half_pixel_centers, p.input_height); },
      [&](int32_t x) { return IntegerTap(x, width_scale, p.half_pixel_centers, p.input_width); },
      [&](const BilinearTap10& ty, const BilinearTap10& tx, const T* p00, const T* p10,
          const T* p01, const T* p11) {
        const int64_t wy = ty.position - kBilinearOne * ty.lower;  // weight of the upper row
        const int64_t wx = tx.position - kBilinearOne * tx.lower;  // of the upper column
        for (int32_t c = 0; c < p.depth; ++c) {
          const int64_t sum = p00[c] * (kBilinearOne - wy) * (kBilinearOne - wx) +
                              p10[c] * wy * (kBilinearOne - wx) +
                              p01[c] * (kBilinearOne - wy) * wx + p11[c] * wy * wx;
          const int64_t round = sum > 0 ? (1 << 19) : -(1 << 19);
          *output++ = static_cast<T>((sum + round) / (1 << 20));
        }
      });
}

}  // namespace reference
}  // namespace tflm_host
