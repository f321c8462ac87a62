// DEPTHWISE_CONV_2D math over NHWC tensors: filter [1, height, width, out_channels]; output
// channel oc reads input channel oc / depth_multiplier only. Loops and accumulation order
// follow TFLM's reference kernels.
#pragma once

#include <cstdint>

#include "reference/conv_window.h"

namespace tflm_host {
namespace reference {

// Calls emit(output_index, output_channel, accumulator) for every output element.
template <typename AccT, typename InputT, typename FilterT, typename Emit>
inline void DepthwiseConvLoops(const ConvWindow& w, int depth_multiplier, int32_t input_offset,
                               const InputT* input, const FilterT* filter, Emit emit) {
  const int in_row_stride = w.input_width * w.input_depth;
  const int filter_row_stride = w.filter_width * w.output_depth;
  ForEachOutputPixel(w, [&](const OutputPixel& p) {
    const InputT* in_batch = input + p.batch * w.input_height * in_row_stride;
    for (int oc = 0; oc < w.output_depth; ++oc) {
      const InputT* in_channel = in_batch + oc / depth_multiplier;
      AccT acc = 0;
      for (int fy = p.fy_begin; fy < p.fy_end; ++fy) {
        const InputT* in_row =
            in_channel + (p.in_y_origin + w.dilation_height * fy) * in_row_stride;
        const FilterT* filter_row = filter + fy * filter_row_stride + oc;
        for (int fx = p.fx_begin; fx < p.fx_end; ++fx) {
          const int in_x = p.in_x_origin + w.dilation_width * fx;
          AccumulateProduct(acc, in_row[in_x * w.input_depth], filter_row[fx * w.output_depth],
                            input_offset);
        }
      }
      emit(p.out_base + oc, oc, acc);
    }
  });
}

inline void DepthwiseConvFloat(const ConvWindow& w, int depth_multiplier, float act_min,
                               float act_max, const float* input, const float* filter,
                               const float* bias, float* output) {
  DepthwiseConvLoops<float>(w, depth_multiplier, 0, input, filter,
                            [&](int index, int oc, float total) {
                              output[index] = FinishFloat(total, bias, oc, act_min, act_max);
                            });
}

// int8 activations (AccT = BiasT = int32_t) or 16x8 (int16 activations, int64 accumulator and
// bias, as TFLM's int16 kernel).
template <typename InputT, typename AccT, typename BiasT>
inline void DepthwiseConvQuantized(const ConvWindow& w, int depth_multiplier,
                                   const ConvQuantParams& p, const InputT* input,
                                   const int8_t* filter, const BiasT* bias, InputT* output) {
  DepthwiseConvLoops<AccT>(w, depth_multiplier, p.input_offset, input, filter,
                           [&](int index, int oc, AccT acc) {
                             output[index] = FinishQuantized<InputT>(acc, bias, oc, p);
                           });
}

}  // namespace reference
}  // namespace tflm_host
