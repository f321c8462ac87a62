// VAR_HANDLE: outputs the id of the resource variable (container, shared_name), creating the
// variable on first sight. Every VAR_HANDLE naming the same variable, in any subgraph, yields
// the same id; the variable's buffer is sized later, by ASSIGN_VARIABLE's Prepare.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/resource_handle.h"

namespace tflm_host {
namespace {

struct VarHandleData : OpData {
  int32_t id = -1;
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 0, 0, 1));
  TFH_RETURN_IF_ERROR(CheckResourceHandle(*context.output(0), "the handle output"));
  TFH_ENSURE(context.graph() != nullptr, "needs a runtime with resource variables");
  const std::string* container = context.options().get_string("container");
  const std::string* shared_name = context.options().get_string("shared_name");
  ResourceVariables& variables = context.graph()->resource_variables();
  auto* data = context.make_data<VarHandleData>();
  data->id = variables.FindOrCreate(
      container ? std::optional<std::string>(*container) : std::nullopt,
      shared_name ? *shared_name : std::string());
  // As TFLM, the output points at the id in the op data from Prepare on, so the memory
  // plan leaves it out of the arena; ASSIGN_VARIABLE's Prepare learns the id per tensor.
  context.output(0)->data = reinterpret_cast<uint8_t*>(&data->id);
  variables.SetTensorId(context.output_index(0), data->id);
  return Status::Ok();
}

Status Eval(OpContext&) { return Status::Ok(); }

}  // namespace

TFH_REGISTER_KERNEL({"VAR_HANDLE", "reference", {}, Prepare, Eval});

}  // namespace tflm_host
