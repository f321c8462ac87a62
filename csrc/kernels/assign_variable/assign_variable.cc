// ASSIGN_VARIABLE: copies input 1 into the resource variable whose handle is input 0. As in
// TFLM, Prepare sizes the variable's buffer from the value tensor when the handle comes from a
// VAR_HANDLE prepared earlier (the first such assignment decides the size), and the buffer
// starts as, and resets to, the value's zero point cast to int8 (0 when not quantized).
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/resource_handle.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 0));
  const Tensor *handle, *value;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &handle));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &value));
  TFH_RETURN_IF_ERROR(CheckResourceHandle(*handle, "the handle input"));
  TFH_ENSURE(context.graph() != nullptr, "needs a runtime with resource variables");
  ResourceVariables& variables = context.graph()->resource_variables();
  const int id = variables.TensorId(context.input_index(0));
  if (id >= 0) {
    const int8_t default_value = static_cast<int8_t>(value->is_quantized() ? value->zero_point() : 0);
    TFH_RETURN_IF_ERROR(variables.Allocate(id, value->bytes, default_value));
  }
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const Tensor& value = *context.input(1);
  return context.graph()->resource_variables().Assign(ReadResourceId(*context.input(0)),
                                                      value.data, value.bytes);
}

}  // namespace

TFH_REGISTER_KERNEL({"ASSIGN_VARIABLE", "reference", {}, Prepare, Eval});

}  // namespace tflm_host
