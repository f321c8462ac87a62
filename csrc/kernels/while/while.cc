// WHILE: the node's outputs hold the loop state. The inputs are copied into the outputs and
// into the condition subgraph; while the condition's first output is true, the state goes
// through the body subgraph (state -> body inputs, body outputs -> state) and the condition
// is evaluated again on the new state. As in TFLM the condition is the first byte of the
// condition subgraph's output 0, read as a bool.
#include "core/registry.h"
#include "kernels/common/subgraph_io.h"

namespace tflm_host {

namespace {

struct WhileData : OpData {
  int cond = 0, body = 0;
  std::vector<int> inputs, outputs;
};

Status Prepare(OpContext& context) {
  auto* data = context.make_data<WhileData>();
  TFH_RETURN_IF_ERROR(RequireSubgraphIndex(context, "cond_subgraph_index", &data->cond));
  TFH_RETURN_IF_ERROR(RequireSubgraphIndex(context, "body_subgraph_index", &data->body));
  data->inputs = NodeInputs(context);
  data->outputs = NodeOutputs(context);
  const Graph& graph = *context.graph();
  TFH_RETURN_IF_ERROR(CheckCopyable(context, data->inputs, data->outputs, "WHILE input",
                                    "WHILE output"));
  TFH_RETURN_IF_ERROR(CheckCopyable(context, data->inputs, graph.subgraph_inputs(data->cond),
                                    "WHILE input", "condition subgraph input"));
  TFH_RETURN_IF_ERROR(CheckCopyable(context, data->inputs, graph.subgraph_inputs(data->body),
                                    "WHILE input", "body subgraph input"));
  TFH_RETURN_IF_ERROR(CheckCopyable(context, graph.subgraph_outputs(data->body), data->outputs,
                                    "body subgraph output", "WHILE output"));
  const std::vector<int>& cond_outputs = graph.subgraph_outputs(data->cond);
  TFH_ENSURE(!cond_outputs.empty() && context.tensor(cond_outputs[0])->bytes > 0,
             "the condition subgraph has no output to read the condition from");
  context.declare_subgraph_call(data->cond);
  context.declare_subgraph_call(data->body);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<WhileData>();
  Graph& graph = *context.graph();
  const Tensor& condition = *context.tensor(graph.subgraph_outputs(data->cond)[0]);
  CopyTensors(context, data->inputs, graph.subgraph_inputs(data->cond));
  CopyTensors(context, data->inputs, data->outputs);
  TFH_RETURN_IF_ERROR(graph.InvokeSubgraph(data->cond));
  while (condition.data[0] != 0) {
    CopyTensors(context, data->outputs, graph.subgraph_inputs(data->body));
    TFH_RETURN_IF_ERROR(graph.InvokeSubgraph(data->body));
    CopyTensors(context, graph.subgraph_outputs(data->body), data->outputs);
    CopyTensors(context, data->outputs, graph.subgraph_inputs(data->cond));
    TFH_RETURN_IF_ERROR(graph.InvokeSubgraph(data->cond));
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"WHILE", "reference", {}, Prepare, Eval});

}  // namespace tflm_host
