// FULLY_CONNECTED "optimized": int8 through the CMSIS-NN API the way TFLM's
// kernels/cmsis_nn/fully_connected.cc calls it: arm_convolve_1x1_s8_fast for outputs of rank
// > 2 with a depth divisible by 4 (and here also for per-channel weights, which
// arm_fully_connected_s8 cannot take), arm_fully_connected_s8 otherwise. Float and int8
// with asymmetric weights (CMSIS-NN requires filter_offset 0) run the reference kernel.
#include <algorithm>

#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/common/cmsis_nn_glue.h"
#include "kernels/fully_connected/fully_connected_common.h"

namespace tflm_host {
namespace {

struct FullyConnectedOptimizedData : FullyConnectedData {
  bool use_cmsis = false;
  bool as_conv_1x1 = false;
  cmsis_nn_dims input_dims{}, filter_dims{}, bias_dims{}, output_dims{};
  CmsisScratch scratch;
  PackedFilter packed;
};

Status Prepare(OpContext& context) {
  auto* data = context.make_data<FullyConnectedOptimizedData>();
  TFH_RETURN_IF_ERROR(PrepareFullyConnected(context, data));
  const Tensor* input = context.input(0);
  if (input->type != DType::kInt8 || data->params.filter_offset != 0) return Status::Ok();
  data->use_cmsis = true;

  const auto& m = data->quant.multipliers;
  const auto& s = data->quant.shifts;
  const bool per_channel = std::any_of(m.begin(), m.end(), [&](int32_t v) { return v != m[0]; }) ||
                           std::any_of(s.begin(), s.end(), [&](int32_t v) { return v != s[0]; });
  const int output_rank = context.output(0)->rank();
  data->as_conv_1x1 = per_channel || (output_rank > 2 && data->accum_depth % 4 == 0);

  data->input_dims = {data->batches, 1, 1, data->accum_depth};
  data->filter_dims = {data->accum_depth, 1, 1, data->output_depth};
  data->bias_dims = {1, 1, 1, data->output_depth};
  data->output_dims = {data->batches, 1, 1, data->output_depth};
  data->scratch.Request(context, data->as_conv_1x1
                            ? arm_convolve_1x1_s8_fast_get_buffer_size(&data->input_dims)
                            : arm_fully_connected_s8_get_buffer_size(&data->filter_dims));
  data->packed.Pack(*context.input(1), context.input(2), data->output_depth, data->accum_depth,
                    data->params.input_offset);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  auto* data = context.data<FullyConnectedOptimizedData>();
  if (!data->use_cmsis) return EvalFullyConnectedReference(context);
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  Tensor* output = context.output(0);
  const auto& p = data->params;

  cmsis_nn_context ctx = data->scratch.Get(context);
  const int32_t* bias_data = bias != nullptr ? bias->as<int32_t>() : nullptr;
  data->packed.Announce();
  arm_cmsis_nn_status status;
  if (data->as_conv_1x1) {
    cmsis_nn_conv_params conv_params{};
    conv_params.input_offset = p.input_offset;
    conv_params.output_offset = p.output_offset;
    conv_params.stride = {1, 1};
    conv_params.padding = {0, 0};
    conv_params.dilation = {1, 1};
    conv_params.activation = {p.act_min, p.act_max};
    cmsis_nn_per_channel_quant_params quant = PerChannelQuant(data->quant);
    status = arm_convolve_1x1_s8_fast(&ctx, &conv_params, &quant, &data->input_dims,
                                      input->as<int8_t>(), &data->filter_dims,
                                      filter->as<int8_t>(), &data->bias_dims, bias_data,
                                      &data->output_dims, output->as<int8_t>());
  } else {
    cmsis_nn_fc_params fc_params{};
    fc_params.input_offset = p.input_offset;
    fc_params.filter_offset = 0;
    fc_params.output_offset = p.output_offset;
    fc_params.activation = {p.act_min, p.act_max};
    cmsis_nn_per_tensor_quant_params quant{data->quant.multipliers[0], data->quant.shifts[0]};
    status = arm_fully_connected_s8(&ctx, &fc_params, &quant, &data->input_dims,
                                    input->as<int8_t>(), &data->filter_dims, filter->as<int8_t>(),
                                    &data->bias_dims, bias_data, &data->output_dims,
                                    output->as<int8_t>());
  }
  TFH_ENSURE(status == ARM_CMSIS_NN_SUCCESS, "CMSIS-NN fully connected failed (%d)",
             static_cast<int>(status));
  return Status::Ok();
}

}  // namespace

// int8 only: other types run the reference kernel (Registry::Find).
TFH_REGISTER_KERNEL({"FULLY_CONNECTED", "optimized", {DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
