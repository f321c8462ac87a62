// ZEROS_LIKE: an output of the input's shape filled with 0 (for int8 the value 0, not the
// zero point, as TFLM), on float32, int8, int32 and int64 as TFLM.
#include <cstring>

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
  const DType type = input->type;
  TFH_ENSURE(type == DType::kFloat32 || type == DType::kInt8 || type == DType::kInt32 ||
                 type == DType::kInt64,
             "type %s is not supported", DTypeName(type));
  TFH_RETURN_IF_ERROR(CheckType(*output, type, "output"));
  return CheckDims(output->dims, input->dims, "output");
}

Status Eval(OpContext& context) {
  Tensor* output = context.output(0);
  if (output->bytes != 0) std::memset(output->data, 0, output->bytes);  // 0.0f is all zero bits
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"ZEROS_LIKE", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt32, DType::kInt64}, Prepare,
                     Eval});

}  // namespace tflm_host
