// SHAPE: the input's (static) dimensions as an int32 vector, for an input of any type. TFLM
// fails at invoke for any other output type; here that is a Prepare error.
#include "core/registry.h"
#include "kernels/common/shape_util.h"
#include "kernels/common/prepare_util.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(*output, DType::kInt32, "output"));
  return CheckDims(output->dims, {input->rank()}, "output");
}

Status Eval(OpContext& context) {
  const Tensor* input = context.input(0);
  int32_t* out = context.output(0)->as<int32_t>();
  for (int d = 0; d < input->rank(); ++d) out[d] = input->dim(d);
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SHAPE", "reference", {}, Prepare, Eval});

}  // namespace tflm_host
