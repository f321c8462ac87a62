// Helpers the control-flow kernels (IF, WHILE, CALL_ONCE) share: checking a subgraph index
// and that tensors copied between a node and a subgraph agree, and the copies themselves.
#pragma once

#include <vector>

#include "core/op_context.h"
#include "core/status.h"

namespace tflm_host {

// The subgraph index option `option` names an existing subgraph other than the caller's.
Status RequireSubgraphIndex(const OpContext& context, const char* option, int* index);

// Every pair (from[i], to[i]) has the same type and byte size, as TFLM's
// ValidateAndGetTensorSizes demands of each copy (at Eval there; at Prepare here).
Status CheckCopyable(const OpContext& context, const std::vector<int>& from,
                     const std::vector<int>& to, const char* from_what, const char* to_what);

// Copies the data of tensor from[i] into to[i] for every i (nothing when they share memory).
void CopyTensors(const OpContext& context, const std::vector<int>& from,
                 const std::vector<int>& to);

// The node's input (or output) tensor indices from `first` on.
std::vector<int> NodeInputs(const OpContext& context, int first = 0);
std::vector<int> NodeOutputs(const OpContext& context);

}  // namespace tflm_host
