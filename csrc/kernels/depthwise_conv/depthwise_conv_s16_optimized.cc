// DEPTHWISE_CONV_2D "optimized" for 16x8 (int16 activations, int8 weights, int64 bias or none)
// through arm_depthwise_conv_wrapper_s16, called as TFLM's kernels/cmsis_nn/depthwise_conv.cc
// calls it. Same arithmetic as TFLM's reference kernel (Prepare already requires an int64 bias).
#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/common/cmsis_nn_glue.h"
#include "kernels/conv/conv_cmsis.h"

namespace tflm_host {
namespace {

struct DepthwiseS16Data : ConvData {
  cmsis_nn_dw_conv_params dw_params{};
  CmsisConvDims dims;
  CmsisScratch scratch;
};

Status Prepare(OpContext& context) {
  ConvTensors t;
  TFH_RETURN_IF_ERROR(GetConvTensors(context, &t));
  auto* data = context.make_data<DepthwiseS16Data>();
  TFH_RETURN_IF_ERROR(PrepareDepthwiseConv2D(context, t, data));

  const auto& w = data->window;
  auto& dp = data->dw_params;
  FillCmsisConvParams(*data, &dp);
  dp.ch_mult = data->depth_multiplier;
  FillCmsisIoDims(w, &data->dims);
  data->dims.filter = {1, w.filter_height, w.filter_width, w.output_depth};
  data->scratch.Request(context, arm_depthwise_conv_wrapper_s16_get_buffer_size(
                                     &dp, &data->dims.input, &data->dims.filter, &data->dims.output));
  return Status::Ok();
}

Status Eval(OpContext& context) {
  auto* data = context.data<DepthwiseS16Data>();
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  Tensor* output = context.output(0);

  cmsis_nn_context ctx = data->scratch.Get(context);
  cmsis_nn_per_channel_quant_params quant = PerChannelQuant(data->quant);
  const arm_cmsis_nn_status status = arm_depthwise_conv_wrapper_s16(
      &ctx, &data->dw_params, &quant, &data->dims.input, input->as<int16_t>(),
      &data->dims.filter, filter->as<int8_t>(), &data->dims.bias,
      bias != nullptr ? bias->as<int64_t>() : nullptr, &data->dims.output,
      output->as<int16_t>());
  TFH_ENSURE(status == ARM_CMSIS_NN_SUCCESS, "arm_depthwise_conv_wrapper_s16 failed (%d)",
             static_cast<int>(status));
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"DEPTHWISE_CONV_2D", "optimized", {DType::kInt16}, Prepare, Eval});

}  // namespace tflm_host
