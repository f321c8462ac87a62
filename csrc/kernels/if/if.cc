// IF: input 0 is a one-element bool condition; the rest are copied into the inputs of the
// then- or else-subgraph, which runs, and its outputs are copied into the node's outputs.
// TFLM copies through persistent staging buffers; here the memory plan already keeps the
// node's tensors alive (and apart) while a branch runs, so the copies go direct.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/subgraph_io.h"

namespace tflm_host {
namespace {

struct IfData : OpData {
  int branches[2] = {0, 0};  // else, then
  std::vector<int> inputs, outputs;
};

Status Prepare(OpContext& context) {
  TFH_ENSURE(context.num_inputs() > 0, "needs the condition input");
  const Tensor* condition;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &condition));
  TFH_RETURN_IF_ERROR(CheckType(*condition, DType::kBool, "condition"));
  TFH_ENSURE(condition->num_elements() == 1, "the condition has %lld elements, expected 1",
             static_cast<long long>(condition->num_elements()));
  auto* data = context.make_data<IfData>();
  TFH_RETURN_IF_ERROR(RequireSubgraphIndex(context, "then_subgraph_index", &data->branches[1]));
  TFH_RETURN_IF_ERROR(RequireSubgraphIndex(context, "else_subgraph_index", &data->branches[0]));
  data->inputs = NodeInputs(context, 1);
  data->outputs = NodeOutputs(context);
  // TFLM checks the then-branch's counts in Prepare and each copy's type and size when a
  // branch runs; both branches are checked here, before anything runs.
  const Graph& graph = *context.graph();
  for (int branch : {data->branches[1], data->branches[0]}) {
    TFH_RETURN_IF_ERROR(CheckCopyable(context, data->inputs, graph.subgraph_inputs(branch),
                                      "IF input", "branch subgraph input"));
    TFH_RETURN_IF_ERROR(CheckCopyable(context, graph.subgraph_outputs(branch), data->outputs,
                                      "branch subgraph output", "IF output"));
  }
  context.declare_subgraph_call(data->branches[1]);
  context.declare_subgraph_call(data->branches[0]);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<IfData>();
  const bool condition = context.input(0)->data[0] != 0;
  const int branch = data->branches[condition ? 1 : 0];
  Graph& graph = *context.graph();
  CopyTensors(context, data->inputs, graph.subgraph_inputs(branch));
  TFH_RETURN_IF_ERROR(graph.InvokeSubgraph(branch));
  CopyTensors(context, graph.subgraph_outputs(branch), data->outputs);
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"IF", "reference", {}, Prepare, Eval});

}  // namespace tflm_host
