// CMSIS-NN arguments from a prepared CONV_2D / DEPTHWISE_CONV_2D, filled as TFLM's
// kernels/cmsis_nn glue fills them.
#pragma once

#include "arm_nn_types.h"
#include "kernels/conv/conv_common.h"

namespace tflm_host {

// Offsets, stride, padding, dilation and activation: cmsis_nn_conv_params or
// cmsis_nn_dw_conv_params (same field names).
template <typename CmsisParams>
void FillCmsisConvParams(const ConvData& data, CmsisParams* p) {
  const auto& w = data.window;
  p->input_offset = data.params.input_offset;
  p->output_offset = data.params.output_offset;
  p->stride = {w.stride_width, w.stride_height};
  p->padding = {w.pad_width, w.pad_height};
  p->dilation = {w.dilation_width, w.dilation_height};
  p->activation = {data.params.act_min, data.params.act_max};
}

struct CmsisConvDims {
  cmsis_nn_dims input{}, filter{}, bias{}, output{};
};

// Input, bias and output dims; the filter's layout differs per op and is the caller's.
inline void FillCmsisIoDims(const reference::ConvWindow& w, CmsisConvDims* dims) {
  dims->input = {w.batches, w.input_height, w.input_width, w.input_depth};
  dims->bias = {1, 1, 1, w.output_depth};
  dims->output = {w.batches, w.output_height, w.output_width, w.output_depth};
}

}  // namespace tflm_host
