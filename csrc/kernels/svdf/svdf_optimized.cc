// SVDF "optimized": int8 through arm_svdf_state_s16_s8 (int16 state and time weights) and
// arm_svdf_s8 (int8 ones, with the feature kernel sums computed once at Prepare), called as
// TFLM's kernels/cmsis_nn/svdf.cc calls them with the same two scratch accumulators; float
// runs the reference kernel.
// Deviations from TFLM's cmsis glue, to keep the oracle's results: the feature activations
// are clamped to the state's own range (TFLM passes the int16 range for an int8 state too,
// which would wrap where its reference clamps), and a state with a nonzero zero point (which
// the CMSIS-NN API cannot take) runs the reference kernel.
#include <limits>
#include <vector>

#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/svdf/svdf_common.h"

namespace tflm_host {
namespace {

struct SvdfOptimizedData : SvdfData {
  bool use_cmsis = false;
  std::vector<int32_t> kernel_sums;  // int8 state: -input zp * sum(feature row), or empty
};

Status Prepare(OpContext& context) {
  auto* data = context.make_data<SvdfOptimizedData>();
  TFH_RETURN_IF_ERROR(PrepareSvdf(context, data));
  const Tensor* input = context.input(kSvdfInput);
  data->use_cmsis = input->type == DType::kInt8 && data->quant.state_zero_point == 0;
  const Tensor* weights_feature = context.input(kSvdfWeightsFeature);
  if (data->use_cmsis && context.input(kSvdfWeightsTime)->type == DType::kInt8 &&
      weights_feature->is_constant) {
    const auto& s = data->shape;
    data->kernel_sums.resize(s.num_filters);
    arm_vector_sum_s8(data->kernel_sums.data(), s.input_size, s.num_filters,
                      weights_feature->as<int8_t>(), -data->quant.input_zero_point, nullptr);
  }
  return Status::Ok();
}

Status Eval(OpContext& context) {
  auto* data = context.data<SvdfOptimizedData>();
  if (!data->use_cmsis) return EvalSvdfReference(context);
  const auto& s = data->shape;
  const auto& q = data->quant;
  const Tensor* weights_time = context.input(kSvdfWeightsTime);
  const bool state_s16 = weights_time->type == DType::kInt16;

  const cmsis_nn_dims input_dims{s.batch, s.input_size, 1, 1};
  const cmsis_nn_dims weights_feature_dims{s.num_filters, s.input_size, 1, 1};
  const cmsis_nn_dims weights_time_dims{s.num_filters, s.memory, 1, 1};
  const cmsis_nn_dims bias_dims{s.num_units, 1, 1, 1};
  const cmsis_nn_dims state_dims{s.batch, s.memory * s.num_filters, 1, 1};
  const cmsis_nn_dims output_dims{s.batch, s.num_units, 1, 1};
  cmsis_nn_svdf_params params{};
  params.rank = s.rank;
  params.input_offset = q.input_zero_point;
  params.output_offset = q.output_zero_point;
  params.input_activation = state_s16 ? cmsis_nn_activation{INT16_MIN, INT16_MAX}
                                      : cmsis_nn_activation{INT8_MIN, INT8_MAX};
  params.output_activation = {INT8_MIN, INT8_MAX};
  const cmsis_nn_per_tensor_quant_params in_quant{q.feature_multiplier, q.feature_shift};
  const cmsis_nn_per_tensor_quant_params out_quant{q.time_multiplier, q.time_shift};
  const auto filters_bytes = static_cast<int32_t>(sizeof(int32_t) * s.batch * s.num_filters);
  const auto units_bytes = static_cast<int32_t>(sizeof(int32_t) * s.batch * s.num_units);
  const cmsis_nn_context scratch_ctx{context.scratch(data->filter_sums), filters_bytes};
  const cmsis_nn_context scratch_output_ctx{context.scratch(data->unit_sums), units_bytes};

  const int8_t* input = context.input(kSvdfInput)->as<int8_t>();
  const int8_t* weights_feature = context.input(kSvdfWeightsFeature)->as<int8_t>();
  const int32_t* bias = context.input(kSvdfBias)->as<int32_t>();
  Tensor* state = context.mutable_input(kSvdfState);
  int8_t* output = context.output(0)->as<int8_t>();
  arm_cmsis_nn_status status;
  if (state_s16) {
    status = arm_svdf_state_s16_s8(&scratch_ctx, &scratch_output_ctx, &params, &in_quant,
                                   &out_quant, &input_dims, input, &state_dims,
                                   state->as<int16_t>(), &weights_feature_dims, weights_feature,
                                   &weights_time_dims, weights_time->as<int16_t>(), &bias_dims,
                                   bias, &output_dims, output);
  } else {
    const cmsis_nn_context ctx{data->kernel_sums.empty() ? nullptr : data->kernel_sums.data(),
                               static_cast<int32_t>(data->kernel_sums.size() * sizeof(int32_t))};
    status = arm_svdf_s8(&ctx, &scratch_ctx, &scratch_output_ctx, &params, &in_quant, &out_quant,
                         &input_dims, input, &state_dims, state->as<int8_t>(),
                         &weights_feature_dims, weights_feature, &weights_time_dims,
                         weights_time->as<int8_t>(), &bias_dims, bias, &output_dims, output);
  }
  if (status == ARM_CMSIS_NN_SUCCESS) return Status::Ok();
  return Status::Error(StatusCode::kRuntime, Format("arm_svdf failed (status %d)", status));
}

}  // namespace

// int8 only: float runs the reference kernel (Registry::Find).
TFH_REGISTER_KERNEL({"SVDF", "optimized", {DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
