// MEAN: float, int8 and int16 over the axes of a constant int32 tensor, with or without
// keep_dims. Prepare (shared with SUM) resolves the axes into a loop plan and folds 1/count
// into the int8/int16 requantization; Eval calls reference/mean.h.
#include "core/registry.h"
#include "kernels/common/reduce_plan.h"
#include "reference/mean.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) { return PrepareSumOrMean(context, "MEAN", true); }

Status Eval(OpContext& context) {
  auto* data = context.data<SumData>();
  TFH_RETURN_IF_ERROR(UpdateReducePlan(context, &data->axes));
  const Tensor* input = context.input(0);
  if (input->type != DType::kFloat32) return EvalSumQuantized(context);
  reference::MeanFloat(data->axes.plan, input->as<float>(), context.output(0)->as<float>());
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"MEAN", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval});

}  // namespace tflm_host
