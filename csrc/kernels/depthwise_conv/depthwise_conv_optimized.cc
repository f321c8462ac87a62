// DEPTHWISE_CONV_2D "optimized": int8 through the CMSIS-NN API, called as TFLM's
// kernels/cmsis_nn/depthwise_conv.cc calls it; float and int16 run the reference kernel.
#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/common/cmsis_nn_glue.h"
#include "kernels/conv/conv_cmsis.h"

namespace tflm_host {
namespace {

struct DepthwiseOptimizedData : ConvData {
  cmsis_nn_dw_conv_params dw_params{};
  CmsisConvDims dims;
  CmsisScratch scratch;
  PackedFilter packed;
};

Status Prepare(OpContext& context) {
  ConvTensors t;
  TFH_RETURN_IF_ERROR(GetConvTensors(context, &t));
  auto* data = context.make_data<DepthwiseOptimizedData>();
  TFH_RETURN_IF_ERROR(PrepareDepthwiseConv2D(context, t, data));
  if (t.input->type != DType::kInt8) return Status::Ok();

  const auto& w = data->window;
  auto& dp = data->dw_params;
  FillCmsisConvParams(*data, &dp);
  dp.ch_mult = data->depth_multiplier;
  FillCmsisIoDims(w, &data->dims);
  data->dims.filter = {1, w.filter_height, w.filter_width, w.output_depth};
  data->scratch.Request(context, arm_depthwise_conv_wrapper_s8_get_buffer_size(
                                     &dp, &data->dims.input, &data->dims.filter, &data->dims.output));
  // One input channel: our CMSIS-NN runs it as a convolution whose filter is the depthwise
  // one read transposed (output channel n, tap k at [k * channels + n]).
  if (w.input_depth == 1 && data->depth_multiplier > 1) {
    data->packed.Pack(*t.filter, t.bias, w.output_depth, w.filter_height * w.filter_width,
                      dp.input_offset, /*row_stride=*/1, /*col_stride=*/w.output_depth);
  }
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const Tensor* input = context.input(0);
  if (input->type != DType::kInt8) return EvalDepthwiseConv2DReference(context);
  auto* data = context.data<DepthwiseOptimizedData>();
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  Tensor* output = context.output(0);

  cmsis_nn_context ctx = data->scratch.Get(context);
  cmsis_nn_per_channel_quant_params quant = PerChannelQuant(data->quant);
  data->packed.Announce();
  const arm_cmsis_nn_status status = arm_depthwise_conv_wrapper_s8(
      &ctx, &data->dw_params, &quant, &data->dims.input, input->as<int8_t>(),
      &data->dims.filter, filter->as<int8_t>(), &data->dims.bias,
      bias != nullptr ? bias->as<int32_t>() : nullptr, &data->dims.output,
      output->as<int8_t>());
  TFH_ENSURE(status == ARM_CMSIS_NN_SUCCESS, "arm_depthwise_conv_wrapper_s8 failed (%d)",
             static_cast<int>(status));
  return Status::Ok();
}

}  // namespace

// int8 only: other types run the reference kernel (Registry::Find).
TFH_REGISTER_KERNEL({"DEPTHWISE_CONV_2D", "optimized", {DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
