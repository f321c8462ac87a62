#include "kernels/common/single_axis.h"

#include "kernels/common/prepare_util.h"

namespace tflm_host {

Status GetSingleAxisOperands(const OpContext& context, const char* op, const Tensor** input,
                             const Tensor** axis) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, axis));
  const DType type = (*input)->type;
  TFH_ENSURE(type == DType::kFloat32 || type == DType::kInt8,
             "%s supports FLOAT32 and INT8, got %s", op, DTypeName(type));
  TFH_RETURN_IF_ERROR(CheckSingleAxisTensor(**axis));
  TFH_ENSURE((*input)->rank() >= 1, "input must have rank >= 1");
  return Status::Ok();
}

}  // namespace tflm_host
