// CONV_2D "optimized" for 16x8 (int16 activations, int8 weights) through arm_convolve_wrapper_s16,
// called as TFLM's kernels/cmsis_nn/conv.cc calls it, the bias as a cmsis_nn_bias_data (int64,
// or int32 flagged: current CMSIS-NN's API). Our s16 kernel takes the int32/int64 accumulator
// path of TFLM's reference kernel by bias type, so both give the oracle's bits. Grouped
// convolutions (no s16 CMSIS-NN kernel) run the reference kernel.
#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/common/cmsis_nn_glue.h"
#include "kernels/conv/conv_cmsis.h"

namespace tflm_host {
namespace {

struct ConvS16Data : ConvData {
  bool use_cmsis = false;
  cmsis_nn_conv_params conv_params{};
  CmsisConvDims dims;
  CmsisScratch scratch;
};

Status Prepare(OpContext& context) {
  ConvTensors t;
  TFH_RETURN_IF_ERROR(GetConvTensors(context, &t));
  auto* data = context.make_data<ConvS16Data>();
  TFH_RETURN_IF_ERROR(PrepareConv2D(context, t, data));
  const auto& w = data->window;
  data->use_cmsis = w.filter_input_depth == w.input_depth;
  if (!data->use_cmsis) return Status::Ok();

  auto& cp = data->conv_params;
  FillCmsisConvParams(*data, &cp);
  FillCmsisIoDims(w, &data->dims);
  data->dims.filter = {w.output_depth, w.filter_height, w.filter_width, w.filter_input_depth};
  data->scratch.Request(context, arm_convolve_wrapper_s16_get_buffer_size(
                                     &cp, &data->dims.input, &data->dims.filter, &data->dims.output));
  return Status::Ok();
}

Status Eval(OpContext& context) {
  auto* data = context.data<ConvS16Data>();
  if (!data->use_cmsis) return EvalConv2DReference(context);
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  Tensor* output = context.output(0);

  cmsis_nn_context ctx = data->scratch.Get(context);
  cmsis_nn_per_channel_quant_params quant = PerChannelQuant(data->quant);
  const cmsis_nn_bias_data bias_data{bias != nullptr ? static_cast<const void*>(bias->data) : nullptr,
                                     bias != nullptr && bias->type == DType::kInt32};
  const arm_cmsis_nn_status status = arm_convolve_wrapper_s16(
      &ctx, &data->conv_params, &quant, &data->dims.input, input->as<int16_t>(),
      &data->dims.filter, filter->as<int8_t>(), &data->dims.bias, &bias_data, &data->dims.output,
      output->as<int16_t>());
  TFH_ENSURE(status == ARM_CMSIS_NN_SUCCESS, "arm_convolve_wrapper_s16 failed (%d)",
             static_cast<int>(status));
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"CONV_2D", "optimized", {DType::kInt16}, Prepare, Eval});

}  // namespace tflm_host
