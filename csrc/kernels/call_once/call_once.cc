// CALL_ONCE: runs its init subgraph on the first invoke only (typically to assign resource
// variables). As in TFLM, reset() does not re-arm it: the flag is set in Prepare alone.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/subgraph_io.h"

namespace tflm_host {
namespace {

struct CallOnceData : OpData {
  int init = 0;
  bool has_run = false;
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 0, 0, 0));
  auto* data = context.make_data<CallOnceData>();
  TFH_RETURN_IF_ERROR(RequireSubgraphIndex(context, "init_subgraph_index", &data->init));
  context.declare_subgraph_call(data->init);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  auto* data = context.data<CallOnceData>();
  if (data->has_run) return Status::Ok();
  TFH_RETURN_IF_ERROR(context.graph()->InvokeSubgraph(data->init));
  data->has_run = true;
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"CALL_ONCE", "reference", {}, Prepare, Eval});

}  // namespace tflm_host
