// EXPAND_DIMS: inserts a size-1 dimension at a constant int32 axis (negative counts from the
// end of the output); the data is copied unchanged. TFLM runs it on float32, int8 and int16.
#include <cstring>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *input, *axis_tensor;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &axis_tensor));
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  TFH_ENSURE(axis_tensor->is_constant, "a non-constant axis tensor is not supported");
  TFH_RETURN_IF_ERROR(CheckType(*axis_tensor, DType::kInt32, "axis"));
  TFH_ENSURE(axis_tensor->rank() <= 1 && axis_tensor->num_elements() >= 1,
             "axis must be a scalar or a 1-element vector");
  int32_t axis;
  std::memcpy(&axis, axis_tensor->data, sizeof(axis));

  const int rank = input->rank();
  if (axis < 0) axis += rank + 1;
  TFH_ENSURE(axis >= 0 && axis <= rank, "axis %d is out of range for a rank-%d input", axis,
             rank);
  TFH_ENSURE(output->rank() == rank + 1, "output rank is %d, expected %d", output->rank(),
             rank + 1);
  for (int i = 0; i <= rank; ++i) {
    const int32_t expected = i < axis ? input->dim(i) : i == axis ? 1 : input->dim(i - 1);
    TFH_ENSURE(output->dim(i) == expected, "output dimension %d is %d, expected %d", i,
               output->dim(i), expected);
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"EXPAND_DIMS", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, EvalCopyInputToOutput});

}  // namespace tflm_host
