// Graph: what a control-flow or resource-variable kernel may ask of the runtime beyond its
// own node: the model's subgraphs (their input and output tensors, running one) and the
// resource variables all subgraphs share. The runtime implements it.
#pragma once

#include <vector>

#include "core/resource_variables.h"
#include "core/status.h"

namespace tflm_host {

class Graph {
 public:
  virtual ~Graph() = default;
  virtual int num_subgraphs() const = 0;
  // Indices into the runtime's tensor table.
  virtual const std::vector<int>& subgraph_inputs(int subgraph) const = 0;
  virtual const std::vector<int>& subgraph_outputs(int subgraph) const = 0;
  // Runs every operator of `subgraph` once, in order (Eval only).
  virtual Status InvokeSubgraph(int subgraph) = 0;
  virtual ResourceVariables& resource_variables() = 0;
};

}  // namespace tflm_host
