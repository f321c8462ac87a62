// REDUCE_MAX and REDUCE_MIN: float and int8 over the axes of a constant int32 tensor. TFLM
// picks int8 values without requantizing, so input and output must share scale and zero
// point (TFLM fails its Eval otherwise; here Prepare rejects the model).
#include <utility>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/reduce_plan.h"
#include "reference/reduce.h"

namespace tflm_host {
namespace {

struct MinMaxData : OpData {
  ReduceAxesPlan axes;
};

// TFLM sizes its index buffer by the input rank, so only the plan's own limit applies.
Status PrepareMinMax(OpContext& context, const char* op) {
  ReduceAxesPlan axes;
  TFH_RETURN_IF_ERROR(PrepareReducePlan(context, op, reference::kMaxReducePlanRank, &axes));
  const Tensor* input = context.input(0);
  const Tensor* output = context.output(0);
  if (input->type == DType::kInt8) {
    TFH_RETURN_IF_ERROR(CheckQuantized(*input, "input"));
    TFH_RETURN_IF_ERROR(CheckQuantized(*output, "output"));
    TFH_ENSURE(input->scale() == output->scale() && input->zero_point() == output->zero_point(),
               "%s needs the same scale and zero point on input and output, got %g/%d and "
               "%g/%d", op, input->scale(), input->zero_point(), output->scale(),
               output->zero_point());
  } else if (input->type != DType::kFloat32) {
    return Status::Error(StatusCode::kInvalid, Format("%s supports FLOAT32 and INT8, got %s",
                                                      op, DTypeName(input->type)));
  }
  context.make_data<MinMaxData>()->axes = std::move(axes);
  return Status::Ok();
}

Status PrepareMax(OpContext& context) { return PrepareMinMax(context, "REDUCE_MAX"); }
Status PrepareMin(OpContext& context) { return PrepareMinMax(context, "REDUCE_MIN"); }

template <bool kMax>
Status EvalMinMax(OpContext& context) {
  auto* data = context.data<MinMaxData>();
  TFH_RETURN_IF_ERROR(UpdateReducePlan(context, &data->axes));
  const auto& plan = data->axes.plan;
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  if (input->type == DType::kFloat32) {
    if (kMax) reference::ReduceMax(plan, input->as<float>(), output->as<float>());
    else reference::ReduceMin(plan, input->as<float>(), output->as<float>());
  } else {
    if (kMax) reference::ReduceMax(plan, input->as<int8_t>(), output->as<int8_t>());
    else reference::ReduceMin(plan, input->as<int8_t>(), output->as<int8_t>());
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"REDUCE_MAX", "reference", {DType::kFloat32, DType::kInt8}, PrepareMax,
                     EvalMinMax<true>});
TFH_REGISTER_KERNEL({"REDUCE_MIN", "reference", {DType::kFloat32, DType::kInt8}, PrepareMin,
                     EvalMinMax<false>});

}  // namespace tflm_host
