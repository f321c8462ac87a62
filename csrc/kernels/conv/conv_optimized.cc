// CONV_2D "optimized": int8 through the CMSIS-NN API (third_party/cmsis_nn or the real
// library), called as TFLM's kernels/cmsis_nn/conv.cc calls it (the registry gives other
// types the reference kernel, int16 conv_s16_optimized.cc). Large layers split their output
// rows (or 1x1 pixels) across the runtime's threads, each making the same call on its block
// (conv_threads.h).
#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/conv/conv_threads.h"

namespace tflm_host {
namespace {

struct ConvOptimizedData : ConvData {
  cmsis_nn_conv_params conv_params{};
  CmsisConvCalls calls;
};

Status Prepare(OpContext& context) {
  ConvTensors t;
  TFH_RETURN_IF_ERROR(GetConvTensors(context, &t));
  auto* data = context.make_data<ConvOptimizedData>();
  TFH_RETURN_IF_ERROR(PrepareConv2D(context, t, data));

  const auto& w = data->window;
  auto& cp = data->conv_params;
  auto& dims = data->calls.dims;
  FillCmsisConvParams(*data, &cp);
  FillCmsisIoDims(w, &dims);
  dims.filter = {w.output_depth, w.filter_height, w.filter_width, w.filter_input_depth};
  const int64_t macs = static_cast<int64_t>(w.batches) * w.output_height * w.output_width *
                       w.output_depth * w.filter_height * w.filter_width * w.filter_input_depth;
  data->calls.Plan(context, w, macs, cp,
                   [&](const cmsis_nn_conv_params& p, const cmsis_nn_dims& in,
                       const cmsis_nn_dims& out) {
                     return arm_convolve_wrapper_s8_get_buffer_size(&p, &in, &dims.filter, &out);
                   });
  if (w.filter_input_depth == w.input_depth) {  // grouped convs read the filter as it is
    data->calls.packed.Pack(*t.filter, t.bias, w.output_depth,
                            w.filter_height * w.filter_width * w.filter_input_depth,
                            cp.input_offset);
  }
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const Tensor* input = context.input(0);
  auto* data = context.data<ConvOptimizedData>();
  const int8_t* filter = context.input(1)->as<int8_t>();
  const Tensor* bias = context.input(2);
  const int32_t* bias_data = bias != nullptr ? bias->as<int32_t>() : nullptr;
  cmsis_nn_per_channel_quant_params quant = PerChannelQuant(data->quant);
  const CmsisConvDims& dims = data->calls.dims;

  const arm_cmsis_nn_status status = data->calls.Run(
      context, data->conv_params, input->as<int8_t>(), context.output(0)->as<int8_t>(),
      [&](cmsis_nn_context* ctx, const cmsis_nn_conv_params* params, const cmsis_nn_dims* in_dims,
          const int8_t* in, const cmsis_nn_dims* out_dims, int8_t* out) {
        return arm_convolve_wrapper_s8(ctx, params, &quant, in_dims, in, &dims.filter, filter,
                                       &dims.bias, bias_data, out_dims, out);
      });
  TFH_ENSURE(status == ARM_CMSIS_NN_SUCCESS, "arm_convolve_wrapper_s8 failed (%d)",
             static_cast<int>(status));
  return Status::Ok();
}

}  // namespace

// int8 only: other types run the reference kernel (Registry::Find).
TFH_REGISTER_KERNEL({"CONV_2D", "optimized", {DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
