// SUM: float, int8 and int16 over the axes of a constant int32 tensor, with or without
// keep_dims. int8/int16 sums are requantized by input_scale / output_scale like TFLM's
// QuantizedMeanOrSum (MEAN's path without the 1/count).
#include "core/registry.h"
#include "kernels/common/reduce_plan.h"
#include "reference/reduce.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) { return PrepareSumOrMean(context, "SUM", false); }

Status Eval(OpContext& context) {
  auto* data = context.data<SumData>();
  TFH_RETURN_IF_ERROR(UpdateReducePlan(context, &data->axes));
  const Tensor* input = context.input(0);
  if (input->type != DType::kFloat32) return EvalSumQuantized(context);
  reference::SumFloat(data->axes.plan, input->as<float>(), context.output(0)->as<float>());
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SUM", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval});

}  // namespace tflm_host
