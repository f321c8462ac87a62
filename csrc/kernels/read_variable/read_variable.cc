// READ_VARIABLE: copies the resource variable whose handle is input 0 into output 0. The
// variable's size is known only once every ASSIGN_VARIABLE is prepared (those may sit in
// subgraphs after this one), so the size check happens when the read runs.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/resource_handle.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* handle;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &handle));
  TFH_RETURN_IF_ERROR(CheckResourceHandle(*handle, "the handle input"));
  TFH_ENSURE(context.graph() != nullptr, "needs a runtime with resource variables");
  return Status::Ok();
}

Status Eval(OpContext& context) {
  Tensor& output = *context.output(0);
  return context.graph()->resource_variables().Read(ReadResourceId(*context.input(0)),
                                                    output.data, output.bytes);
}

}  // namespace

TFH_REGISTER_KERNEL({"READ_VARIABLE", "reference", {}, Prepare, Eval});

}  // namespace tflm_host
