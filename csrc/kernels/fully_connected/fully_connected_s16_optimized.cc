// FULLY_CONNECTED "optimized" for 16x8 through arm_fully_connected_s16, as TFLM's
// kernels/cmsis_nn/fully_connected.cc calls it. That kernel ignores zero points and takes one
// multiplier, and the oracle (TFLM's reference) accumulates an int32 bias in int32; so the
// reference kernel runs for: nonzero input/output/filter zero points, per-channel weights,
// int32 bias.
#include <algorithm>

#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/common/cmsis_nn_glue.h"
#include "kernels/fully_connected/fully_connected_common.h"

namespace tflm_host {
namespace {

struct FullyConnectedS16Data : FullyConnectedData {
  bool use_cmsis = false;
  cmsis_nn_dims input_dims{}, filter_dims{}, bias_dims{}, output_dims{};
  CmsisScratch scratch;
};

bool SameForAllChannels(const std::vector<int32_t>& values) {
  return std::all_of(values.begin(), values.end(), [&](int32_t v) { return v == values[0]; });
}

Status Prepare(OpContext& context) {
  auto* data = context.make_data<FullyConnectedS16Data>();
  TFH_RETURN_IF_ERROR(PrepareFullyConnected(context, data));
  const Tensor* bias = context.input(2);
  const auto& p = data->params;
  data->use_cmsis = p.input_offset == 0 && p.filter_offset == 0 && p.output_offset == 0 &&
                    (bias == nullptr || bias->type == DType::kInt64) &&
                    SameForAllChannels(data->quant.multipliers) &&
                    SameForAllChannels(data->quant.shifts);
  if (!data->use_cmsis) return Status::Ok();

  data->input_dims = {data->batches, 1, 1, data->accum_depth};
  data->filter_dims = {data->accum_depth, 1, 1, data->output_depth};
  data->bias_dims = {1, 1, 1, data->output_depth};
  data->output_dims = {data->batches, 1, 1, data->output_depth};
  data->scratch.Request(context, arm_fully_connected_s16_get_buffer_size(&data->filter_dims));
  return Status::Ok();
}

Status Eval(OpContext& context) {
  auto* data = context.data<FullyConnectedS16Data>();
  if (!data->use_cmsis) return EvalFullyConnectedReference(context);
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  Tensor* output = context.output(0);

  cmsis_nn_context ctx = data->scratch.Get(context);
  cmsis_nn_fc_params fc_params{};
  fc_params.activation = {data->params.act_min, data->params.act_max};
  cmsis_nn_per_tensor_quant_params quant{data->quant.multipliers[0], data->quant.shifts[0]};
  const arm_cmsis_nn_status status = arm_fully_connected_s16(
      &ctx, &fc_params, &quant, &data->input_dims, input->as<int16_t>(), &data->filter_dims,
      filter->as<int8_t>(), &data->bias_dims, bias != nullptr ? bias->as<int64_t>() : nullptr,
      &data->output_dims, output->as<int16_t>());
  TFH_ENSURE(status == ARM_CMSIS_NN_SUCCESS, "arm_fully_connected_s16 failed (%d)",
             static_cast<int>(status));
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"FULLY_CONNECTED", "optimized", {DType::kInt16}, Prepare, Eval});

}  // namespace tflm_host
