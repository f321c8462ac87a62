// Geometry of a 2-D convolution window over NHWC tensors, shared by CONV_2D and
// DEPTHWISE_CONV_2D, and the requantization parameters of their integer kernels.
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

struct ConvWindow {
  int batches;
  int input_height, input_width, input_depth;
  int filter_height, filter_width;
  int filter_input_depth;      // CONV_2D: input channels per group; DEPTHWISE_CONV_2D: 1
  int output_height, output_width, output_depth;
  int stride_height, stride_width;
  int dilation_height, dilation_width;
  int pad_height, pad_width;   // padding before the first row / column
};

// The filter taps [*begin, *end) whose input position origin + dilation * tap lies inside
// [0, size): TFLM skips the others (zero padding), so iterating only these keeps the
// accumulation order of TFLM's loops while dropping the per-tap bounds test.
inline void InsideTaps(int origin, int dilation, int taps, int size, int* begin, int* end) {
  *begin = origin >= 0 ? 0 : (-origin + dilation - 1) / dilation;
  const int remaining = size - origin;   // positions left from origin to the end
  *end = remaining <= 0 ? 0 : std::min(taps, (remaining + dilation - 1) / dilation);
  if (*end < *begin) *end = *begin;
}

// One output pixel: the input position of its first tap in each direction, the taps that
// lie inside the input, and the index of its first output channel.
struct OutputPixel {
  int batch;
  int in_y_origin, fy_begin, fy_end;
  int in_x_origin, fx_begin, fx_end;
  int out_base;
};

// Calls fn(pixel) for every output pixel in TFLM's order (batch, row, column).
template <typename Fn>
inline void ForEachOutputPixel(const ConvWindow& w, Fn&& fn) {
  OutputPixel p{};
  for (p.batch = 0; p.batch < w.batches; ++p.batch) {
    for (int out_y = 0; out_y < w.output_height; ++out_y) {
      p.in_y_origin = out_y * w.stride_height - w.pad_height;
      InsideTaps(p.in_y_origin, w.dilation_height, w.filter_height, w.input_height,
                 &p.fy_begin, &p.fy_end);
      for (int out_x = 0; out_x < w.output_width; ++out_x) {
        p.in_x_origin = out_x * w.stride_width - w.pad_width;
        InsideTaps(p.in_x_origin, w.dilation_width, w.filter_width, w.input_width,
                   &p.fx_begin, &p.fx_end);
        p.out_base = ((p.batch * w.output_height + out_y) * w.output_width + out_x) *
                     w.output_depth;
        fn(static_cast<const OutputPixel&>(p));
      }
    }
  }
}

// Integer kernels: acc = sum(filter * (input + input_offset)) + bias, requantized per output
// channel, plus output_offset, clamped. The 16x8 kernels take both offsets as 0, because
// TFLM's int16 kernels ignore the zero points.
struct ConvQuantParams {
  int32_t input_offset;         // -input zero point
  int32_t output_offset;        // output zero point
  const int32_t* multipliers;   // one per output channel
  const int32_t* shifts;
  int32_t act_min, act_max;
};

// One product of the accumulation, in TFLM's expression order and types.
template <typename AccT, typename InputT, typename FilterT>
inline void AccumulateProduct(AccT& acc, InputT input, FilterT filter, int32_t input_offset) {
  if constexpr (std::is_floating_point_v<AccT>) {
    acc += input * filter;
  } else {
    acc += static_cast<int32_t>(filter) * (static_cast<int32_t>(input) + input_offset);
  }
}

inline float FinishFloat(float total, const float* bias, int channel, float act_min,
                         float act_max) {
  const float bias_value = bias != nullptr ? bias[channel] : 0.0f;
  return ActivationWithMinMax(total + bias_value, act_min, act_max);
}

template <typename OutputT, typename AccT, typename BiasT>
inline OutputT FinishQuantized(AccT acc, const BiasT* bias, int channel,
                               const ConvQuantParams& p) {
  if (bias != nullptr) acc += bias[channel];
  int32_t value = MultiplyByQuantizedMultiplier(acc, p.multipliers[channel], p.shifts[channel]);
  value += p.output_offset;
  return static_cast<OutputT>(std::min(std::max(value, p.act_min), p.act_max));
}

}  // namespace reference
}  // namespace tflm_host
