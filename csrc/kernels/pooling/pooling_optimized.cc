// AVERAGE_POOL_2D and MAX_POOL_2D "optimized": int8 and int16 through arm_avgpool_s8/_s16 and
// arm_max_pool_s8/_s16, called as TFLM's kernels/cmsis_nn/pooling.cc calls them (the average
// pool's scratch sized by arm_avgpool_*_get_buffer_size).
// CMSIS-NN's rounded mean and clamp equal TFLM reference's, so no deviation is needed.
#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/pooling/pooling_common.h"

namespace tflm_host {
namespace {

struct PoolOptimizedData : PoolData {
  cmsis_nn_pool_params pool_params{};
  cmsis_nn_dims input_dims{}, filter_dims{}, output_dims{};
  int scratch_index = -1;
  int32_t scratch_bytes = 0;
};

Status PrepareCommon(OpContext& context, bool average) {
  auto* data = context.make_data<PoolOptimizedData>();
  TFH_RETURN_IF_ERROR(PreparePool(context, data));
  const DType type = context.input(0)->type;
  const auto& g = data->geometry;
  data->pool_params.stride = {g.stride_width, g.stride_height};
  data->pool_params.padding = {g.pad_width, g.pad_height};
  data->pool_params.activation = {data->act_min, data->act_max};
  data->input_dims = {g.batches, g.input_height, g.input_width, g.depth};
  data->filter_dims = {1, g.filter_height, g.filter_width, 1};
  data->output_dims = {g.batches, g.output_height, g.output_width, g.depth};
  if (average) {
    data->scratch_bytes = type == DType::kInt8
                              ? arm_avgpool_s8_get_buffer_size(g.output_width, g.depth)
                              : arm_avgpool_s16_get_buffer_size(g.output_width, g.depth);
    if (data->scratch_bytes > 0)
      data->scratch_index = context.request_scratch(static_cast<size_t>(data->scratch_bytes));
  }
  return Status::Ok();
}

Status PrepareAverage(OpContext& context) { return PrepareCommon(context, true); }
Status PrepareMax(OpContext& context) { return PrepareCommon(context, false); }

// arm_avgpool_s8 and friends share one signature per element type.
template <typename T>
using CmsisPoolFn = arm_cmsis_nn_status (*)(const cmsis_nn_context*, const cmsis_nn_pool_params*,
                                            const cmsis_nn_dims*, const T*, const cmsis_nn_dims*,
                                            const cmsis_nn_dims*, T*);

template <typename T>
Status RunCmsis(OpContext& context, CmsisPoolFn<T> pool, const char* name) {
  const auto* data = context.data<PoolOptimizedData>();
  cmsis_nn_context ctx{nullptr, 0};
  if (data->scratch_index >= 0) ctx = {context.scratch(data->scratch_index), data->scratch_bytes};
  const arm_cmsis_nn_status status =
      pool(&ctx, &data->pool_params, &data->input_dims, context.input(0)->as<T>(),
           &data->filter_dims, &data->output_dims, context.output(0)->as<T>());
  if (status == ARM_CMSIS_NN_SUCCESS) return Status::Ok();
  return Status::Error(StatusCode::kRuntime, Format("%s failed (status %d)", name, status));
}

Status EvalAverage(OpContext& context) {
  if (context.input(0)->type == DType::kInt8)
    return RunCmsis<int8_t>(context, arm_avgpool_s8, "arm_avgpool_s8");
  return RunCmsis<int16_t>(context, arm_avgpool_s16, "arm_avgpool_s16");
}

Status EvalMax(OpContext& context) {
  if (context.input(0)->type == DType::kInt8)
    return RunCmsis<int8_t>(context, arm_max_pool_s8, "arm_max_pool_s8");
  return RunCmsis<int16_t>(context, arm_max_pool_s16, "arm_max_pool_s16");
}

}  // namespace

// int8 and int16 only: float runs the reference kernel (Registry::Find).
TFH_REGISTER_KERNEL({"AVERAGE_POOL_2D", "optimized", {DType::kInt8, DType::kInt16}, PrepareAverage,
                     EvalAverage});
TFH_REGISTER_KERNEL({"MAX_POOL_2D", "optimized", {DType::kInt8, DType::kInt16}, PrepareMax,
                     EvalMax});

}  // namespace tflm_host
