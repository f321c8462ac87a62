// CONV_2D "optimized": int8 through the CMSIS-NN API (third_party/cmsis_nn or the real
// library), called as TFLM's kernels/cmsis_nn/conv.cc calls it; float and int16 run the
// reference kernel.
#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/common/cmsis_nn_glue.h"
#include "kernels/conv/conv_cmsis.h"

namespace tflm_host {
namespace {

struct ConvOptimizedData : ConvData {
  cmsis_nn_conv_params conv_params{};
  CmsisConvDims dims;
  CmsisScratch scratch;
  PackedFilter packed;
};

Status Prepare(OpContext& context) {
  ConvTensors t;
  TFH_RETURN_IF_ERROR(GetConvTensors(context, &t));
  auto* data = context.make_data<ConvOptimizedData>();
  TFH_RETURN_IF_ERROR(PrepareConv2D(context, t, data));
  if (t.input->type != DType::kInt8) return Status::Ok();

  const auto& w = data->window;
  auto& cp = data->conv_params;
  FillCmsisConvParams(*data, &cp);
  FillCmsisIoDims(w, &data->dims);
  data->dims.filter = {w.output_depth, w.filter_height, w.filter_width, w.filter_input_depth};
  data->scratch.Request(context, arm_convolve_wrapper_s8_get_buffer_size(
                                     &cp, &data->dims.input, &data->dims.filter, &data->dims.output));
  if (w.filter_input_depth == w.input_depth) {  // grouped convs read the filter as it is
    data->packed.Pack(*t.filter, t.bias, w.output_depth,
                      w.filter_height * w.filter_width * w.filter_input_depth, cp.input_offset);
  }
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const Tensor* input = context.input(0);
  if (input->type != DType::kInt8) return EvalConv2DReference(context);
  auto* data = context.data<ConvOptimizedData>();
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  Tensor* output = context.output(0);

  cmsis_nn_context ctx = data->scratch.Get(context);
  cmsis_nn_per_channel_quant_params quant = PerChannelQuant(data->quant);
  data->packed.Announce();
  const arm_cmsis_nn_status status = arm_convolve_wrapper_s8(
      &ctx, &data->conv_params, &quant, &data->dims.input, input->as<int8_t>(),
      &data->dims.filter, filter->as<int8_t>(), &data->dims.bias,
      bias != nullptr ? bias->as<int32_t>() : nullptr, &data->dims.output,
      output->as<int8_t>());
  TFH_ENSURE(status == ARM_CMSIS_NN_SUCCESS, "arm_convolve_wrapper_s8 failed (%d)",
             static_cast<int>(status));
  return Status::Ok();
}

}  // namespace

// int8 only: other types run the reference kernel (Registry::Find).
TFH_REGISTER_KERNEL({"CONV_2D", "optimized", {DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
