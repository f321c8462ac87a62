// 2-D pooling over NHWC tensors: every output pixel reduces the part of its filter window that
// lies inside the input (padding cells are skipped, not counted as zeros).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

namespace tflm_host {
namespace reference {

struct PoolGeometry {
  int batches, depth;
  int input_height, input_width;
  int output_height, output_width;
  int filter_height, filter_width;
  int stride_height, stride_width;
  int pad_height, pad_width;  // cells of padding before the first row / column
};

// Calls reduce(input_index) for each input cell of every window, in row-major window order,
// then store(output_index, cells_visited) once per window.
template <typename Reduce, typename Store>
inline void ForEachPoolWindow(const PoolGeometry& g, Reduce reduce, Store store) {
  for (int b = 0; b < g.batches; ++b) {
    for (int out_y = 0; out_y < g.output_height; ++out_y) {
      const int in_y0 = out_y * g.stride_height - g.pad_height;
      const int fy_begin = std::max(0, -in_y0);
      const int fy_end = std::min(g.filter_height, g.input_height - in_y0);
      for (int out_x = 0; out_x < g.output_width; ++out_x) {
        const int in_x0 = out_x * g.stride_width - g.pad_width;
        const int fx_begin = std::max(0, -in_x0);
        const int fx_end = std::min(g.filter_width, g.input_width - in_x0);
        const int64_t out_pixel =
            ((static_cast<int64_t>(b) * g.output_height + out_y) * g.output_width + out_x) *
            g.depth;
        for (int c = 0; c < g.depth; ++c) {
          int count = 0;
          for (int fy = fy_begin; fy < fy_end; ++fy) {
            const int64_t row = (static_cast<int64_t>(b) * g.input_height + in_y0 + fy) *
                                g.input_width;
            for (int fx = fx_begin; fx < fx_end; ++fx) {
              reduce((row + in_x0 + fx) * g.depth + c);
              ++count;
            }
          }
          store(out_pixel + c, count);
        }
      }
    }
  }
}

inline void AveragePoolFloat(const PoolGeometry& g, float act_min, float act_max,
                             const float* input, float* output) {
  float total = 0.0f;
  ForEachPoolWindow(
      g, [&](int64_t i) { total += input[i]; },
      [&](int64_t o, int count) {
        // TFLM divides by the count as a float.
        const float average = total / static_cast<float>(count);
        output[o] = std::min(std::max(average, act_min), act_max);
        total = 0.0f;
      });
}

// int8/int16: the integer mean rounded half away from zero.
template <typename T>
inline void AveragePoolQuantized(const PoolGeometry& g, int32_t act_min, int32_t act_max,
                                 const T* input, T* output) {
  int32_t acc = 0;
  ForEachPoolWindow(
      g, [&](int64_t i) { acc += input[i]; },
      [&](int64_t o, int count) {
        int32_t mean = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
        mean = std::min(std::max(mean, act_min), act_max);
        output[o] = static_cast<T>(mean);
        acc = 0;
      });
}

// float, int8 or int16; the clamp bounds are in the tensor's own type.
template <typename T>
inline void MaxPool(const PoolGeometry& g, T act_min, T act_max, const T* input, T* output) {
  T best = std::numeric_limits<T>::lowest();
  ForEachPoolWindow(
      g, [&](int64_t i) { best = std::max(best, input[i]); },
      [&](int64_t o, int) {
        output[o] = std::min(std::max(best, act_min), act_max);
        best = std::numeric_limits<T>::lowest();
      });
}

}  // namespace reference
}  // namespace tflm_host
