// OpContext: what a kernel sees of the graph, in Prepare and in Eval. It is a cheap view
// (a node and the tensor table); it never owns memory.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "core/graph.h"
#include "core/node.h"
#include "core/status.h"
#include "core/tensor.h"

namespace tflm_host {

class OpContext {
 public:
  OpContext(Node& node, std::vector<Tensor>& tensors, Graph* graph = nullptr)
      : node_(node), tensors_(tensors), graph_(graph) {}

  int num_inputs() const { return static_cast<int>(node_.inputs.size()); }
  int num_outputs() const { return static_cast<int>(node_.outputs.size()); }
  // nullptr when the input is optional and omitted (index -1) or beyond the node's inputs.
  const Tensor* input(int i) const {
    if (i >= num_inputs() || node_.inputs[i] < 0) return nullptr;
    return &tensors_[node_.inputs[i]];
  }
  // Mutable access to an input, for variable (state) tensors.
  Tensor* mutable_input(int i) const {
    if (i >= num_inputs() || node_.inputs[i] < 0) return nullptr;
    return &tensors_[node_.inputs[i]];
  }
  Tensor* output(int i) const { return i < num_outputs() ? &tensors_[node_.outputs[i]] : nullptr; }
  Tensor* intermediate(int i) const {
    if (i >= static_cast<int>(node_.intermediates.size()) || node_.intermediates[i] < 0)
      return nullptr;
    return &tensors_[node_.intermediates[i]];
  }
  // Tensor-table indices of the node's tensors (-1: omitted), e.g. to key per-tensor state.
  int input_index(int i) const { return i < num_inputs() ? node_.inputs[i] : -1; }
  int output_index(int i) const { return i < num_outputs() ? node_.outputs[i] : -1; }
  const Options& options() const { return node_.options; }
  const std::vector<uint8_t>& custom_options() const { return node_.custom_options; }

  // Prepare: creates the node's op data (replacing any from an earlier Prepare).
  template <typename T, typename... Args>
  T* make_data(Args&&... args) {
    auto owned = std::make_unique<T>(std::forward<Args>(args)...);
    T* raw = owned.get();
    node_.data = std::move(owned);
    return raw;
  }
  // Eval: the op data Prepare created.
  template <typename T>
  T* data() const { return static_cast<T*>(node_.data.get()); }

  // Prepare: reserves `bytes` of arena scratch, alive only while this node runs. Returns the
  // index to pass to scratch() in Eval.
  int request_scratch(size_t bytes) {
    node_.scratch_sizes.push_back(bytes);
    return static_cast<int>(node_.scratch_sizes.size()) - 1;
  }
  void* scratch(int index) const { return node_.scratch[index]; }

  // The rest of the model, for control flow and resource variables (nullptr when the kernel
  // runs outside a runtime).
  Graph* graph() const { return graph_; }
  Tensor* tensor(int index) const { return &tensors_[index]; }
  // Prepare: records that Eval may run `subgraph`, in this order (the memory plan nests the
  // subgraph's lifetimes inside this node's, as TFLM does).
  void declare_subgraph_call(int subgraph) { node_.called_subgraphs.push_back(subgraph); }
  ExternalKernel* external_kernel() const { return node_.external.get(); }

  // Prepare: reserves `bytes` of arena memory that keeps its contents from invoke to invoke
  // (a kernel's state; TFLM's AllocatePersistentBuffer). The kernel's reset() clears it; it
  // is zero when first allocated. Returns the index to pass to persistent().
  int request_persistent(size_t bytes) {
    node_.persistent_sizes.push_back(bytes);
    return static_cast<int>(node_.persistent_sizes.size()) - 1;
  }
  // Eval and reset: the buffer request_persistent() reserved.
  void* persistent(int index) const { return node_.persistent[index]; }
  size_t persistent_size(int index) const { return node_.persistent_sizes[index]; }

 private:
  Node& node_;
  std::vector<Tensor>& tensors_;
  Graph* graph_ = nullptr;
};

}  // namespace tflm_host
