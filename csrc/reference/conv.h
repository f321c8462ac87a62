// CONV_2D math over NHWC tensors: filter [out_channels, height, width, in_channels / groups],
// input channels split into groups of filter_input_depth, each feeding an equal share of the
// output channels. Loops and accumulation order follow TFLM's reference kernels.
#pragma once

#include <cstdint>

#include "reference/conv_window.h"

namespace tflm_host {
namespace reference {

// Calls emit(output_index, output_channel, accumulator) for every output element.
template <typename AccT, typename InputT, typename FilterT, typename Emit>
inline void ConvLoops(const ConvWindow& w, int32_t input_offset, const InputT* input,
                      const FilterT* filter, Emit emit) {
  const int group_depth = w.filter_input_depth;
  const int filters_per_group = w.output_depth / (w.input_depth / group_depth);
  const int in_row_stride = w.input_width * w.input_depth;
  const int filter_row_stride = w.filter_width * group_depth;
  const int filter_size = w.filter_height * filter_row_stride;
  ForEachOutputPixel(w, [&](const OutputPixel& p) {
    const InputT* in_batch = input + p.batch * w.input_height * in_row_stride;
    for (int oc = 0; oc < w.output_depth; ++oc) {
      const InputT* in_group = in_batch + (oc / filters_per_group) * group_depth;
      const FilterT* filter_oc = filter + oc * filter_size;
      AccT acc = 0;
      for (int fy = p.fy_begin; fy < p.fy_end; ++fy) {
        const InputT* in_row = in_group + (p.in_y_origin + w.dilation_height * fy) * in_row_stride;
        const FilterT* filter_row = filter_oc + fy * filter_row_stride;
        for (int fx = p.fx_begin; fx < p.fx_end; ++fx) {
          const InputT* in_px = in_row + (p.in_x_origin + w.dilation_width * fx) * w.input_depth;
          const FilterT* filter_px = filter_row + fx * group_depth;
          for (int ic = 0; ic < group_depth; ++ic)
            AccumulateProduct(acc, in_px[ic], filter_px[ic], input_offset);
        }
      }
      emit(p.out_base + oc, oc, acc);
    }
  });
}

inline void ConvFloat(const ConvWindow& w, float act_min, float act_max, const float* input,
                      const float* filter, const float* bias, float* output) {
  ConvLoops<float>(w, 0, input, filter, [&](int index, int oc, float total) {
    output[index] = FinishFloat(total, bias, oc, act_min, act_max);
  });
}

// int8 activations (AccT = BiasT = int32_t) or 16x8 (int16 activations; TFLM accumulates in
// the bias's width: int32 or int64).
template <typename InputT, typename AccT, typename BiasT>
inline void ConvQuantized(const ConvWindow& w, const ConvQuantParams& p, const InputT* input,
                          const int8_t* filter, const BiasT* bias, InputT* output) {
  ConvLoops<AccT>(w, p.input_offset, input, filter, [&](int index, int oc, AccT acc) {
    output[index] = FinishQuantized<InputT>(acc, bias, oc, p);
  });
}

}  // namespace reference
}  // namespace tflm_host
