// TRANSPOSE_CONV math over NHWC tensors, filter [output_channels, height, width,
// input_channels]. Like TFLM's reference kernels it scatters: every input pixel adds its
// products into the output positions it reaches, so each output sums its terms in input
// order (y, x, channel), which keeps float sums identical to TFLM's.
#pragma once

#include <cstdint>

#include "reference/conv_window.h"

namespace tflm_host {
namespace reference {

// Accumulates into acc (one per output element; zeroed here). The window's dilations and
// filter_input_depth are unused: TFLM's transpose conv has neither.
template <typename AccT, typename InputT, typename FilterT>
inline void TransposeConvAccumulate(const ConvWindow& w, int32_t input_offset,
                                    const InputT* input, const FilterT* filter, AccT* acc) {
  const int64_t output_size =
      static_cast<int64_t>(w.batches) * w.output_height * w.output_width * w.output_depth;
  for (int64_t i = 0; i < output_size; ++i) acc[i] = 0;
  const int filter_channel_stride = w.filter_height * w.filter_width * w.input_depth;
  for (int b = 0; b < w.batches; ++b) {
    for (int in_y = 0; in_y < w.input_height; ++in_y) {
      const int out_y_origin = in_y * w.stride_height - w.pad_height;
      for (int in_x = 0; in_x < w.input_width; ++in_x) {
        const int out_x_origin = in_x * w.stride_width - w.pad_width;
        const InputT* in_px =
            input + ((b * w.input_height + in_y) * w.input_width + in_x) * w.input_depth;
        for (int ic = 0; ic < w.input_depth; ++ic) {
          for (int fy = 0; fy < w.filter_height; ++fy) {
            const int out_y = out_y_origin + fy;
            if (out_y < 0 || out_y >= w.output_height) continue;
            for (int fx = 0; fx < w.filter_width; ++fx) {
              const int out_x = out_x_origin + fx;
              if (out_x < 0 || out_x >= w.output_width) continue;
              AccT* out_px =
                  acc + ((b * w.output_height + out_y) * w.output_width + out_x) * w.output_depth;
              const FilterT* tap = filter + (fy * w.filter_width + fx) * w.input_depth + ic;
              for (int oc = 0; oc < w.output_depth; ++oc)
                AccumulateProduct(out_px[oc], in_px[ic], tap[oc * filter_channel_stride],
                                  input_offset);
            }
          }
        }
      }
    }
  }
}

// Float accumulates in the output itself, as TFLM does.
inline void TransposeConvFloat(const ConvWindow& w, float act_min, float act_max,
                               const float* input, const float* filter, const float* bias,
                               float* output) {
  TransposeConvAccumulate(w, 0, input, filter, output);
  const int64_t pixels = static_cast<int64_t>(w.batches) * w.output_height * w.output_width;
  for (int64_t px = 0; px < pixels; ++px)
    for (int oc = 0; oc < w.output_depth; ++oc) {
      float& out = output[px * w.output_depth + oc];
      out = FinishFloat(out, bias, oc, act_min, act_max);
    }
}

// int8 (AccT = BiasT = int32_t) or 16x8 (int16 activations, AccT = int64_t, int64 or int16 bias);
// `scratch` holds one AccT per output element.
template <typename InputT, typename AccT, typename BiasT>
inline void TransposeConvQuantized(const ConvWindow& w, const ConvQuantParams& p,
                                   const InputT* input, const int8_t* filter, const BiasT* bias,
                                   AccT* scratch, InputT* output) {
  TransposeConvAccumulate(w, p.input_offset, input, filter, scratch);
  const int64_t pixels = static_cast<int64_t>(w.batches) * w.output_height * w.output_width;
  for (int64_t px = 0; px < pixels; ++px)
    for (int oc = 0; oc < w.output_depth; ++oc) {
      const int64_t i = px * w.output_depth + oc;
      output[i] = FinishQuantized<InputT>(scratch[i], bias, oc, p);
    }
}

}  // namespace reference
}  // namespace tflm_host
