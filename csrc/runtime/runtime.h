// Runtime: one prepared, planned and runnable model: its subgraphs share one tensor table,
// one node list and one arena. Invoke() runs subgraph 0; control-flow kernels run the others.
//
// Lifecycle: add tensors and nodes (the bindings do this from the validated Python model),
// subgraph by subgraph (BeginSubgraph() before the second and later ones), Prepare() (every
// kernel validates its tensors, precomputes and requests scratch), then Allocate(arena_size)
// (plan lifetimes into the arena, point tensors at it), then Invoke() as often as needed.
// The arena is the only memory Invoke() touches besides the constants.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/graph.h"
#include "core/node.h"
#include "core/status.h"
#include "core/tensor.h"
#include "core/thread_pool.h"
#include "memory/greedy_planner.h"

namespace tflm_host {

// One planned buffer, for reporting the plan (arena tool, tests).
struct PlannedBuffer {
  int tensor = -1;       // tensor index, or -1 for a scratch buffer
  int node = -1;         // the node that requested it (scratch), else -1
  size_t offset = 0;
  size_t size = 0;
  int first_used = 0;
  int last_used = 0;
};

class Runtime : public Graph {
 public:
  explicit Runtime(std::string variant) : variant_(std::move(variant)), subgraphs_(1) {}

  int AddTensor(Tensor tensor);
  // Adds a node to the subgraph begun last; returns its index in the runtime's node list.
  int AddNode(Node node);
  // Starts the next subgraph (subgraph 0 exists from the start); returns its index.
  int BeginSubgraph();
  // Inputs and outputs of subgraph 0 (the model's), as tensor-table indices.
  void SetIO(std::vector<int> inputs, std::vector<int> outputs);
  void SetSubgraphIO(int subgraph, std::vector<int> inputs, std::vector<int> outputs);
  void SetStringOption(int node, const std::string& name, std::string value) {
    nodes_[node].options.set_string(name, std::move(value));
  }
  // Runs node `node` with `kernel` instead of a registered one (before Prepare).
  void SetExternalKernel(int node, std::shared_ptr<ExternalKernel> kernel) {
    nodes_[node].external = std::move(kernel);
  }
  void SetOfflineOffsets(std::vector<int64_t> offsets) { offline_offsets_ = std::move(offsets); }
  // Threads kernels may split large loops over (before Prepare, which sizes per-thread scratch).
  void SetNumThreads(int num_threads) { pool_ = std::make_unique<ThreadPool>(num_threads); }
  int num_threads() const { return pool_ ? pool_->num_threads() : 1; }

  Status Prepare();
  // Bytes of arena the plan needs (after Prepare).
  size_t RequiredArenaBytes() const { return head_bytes_ + persistent_bytes_; }
  // Commits the plan into an arena of `arena_size` bytes (0: exactly what is needed).
  Status Allocate(size_t arena_size);
  Status Invoke();
  // Runs `count` samples in a row: copies sample i of each input (packed back to back at
  // inputs[k]) into the input tensors, invokes, and copies the outputs out the same way.
  // State (variable tensors) carries over from sample to sample, as with repeated Invoke().
  Status InvokeBatch(const std::vector<const uint8_t*>& inputs,
                     const std::vector<uint8_t*>& outputs, size_t count);

  // Per-node wall time of the last Invoke(), in nanoseconds (profiling on only).
  void SetProfiling(bool enabled);
  const std::vector<uint64_t>& node_nanoseconds() const { return node_ns_; }
  // Copies every node's outputs aside as it runs, so intermediate values survive the memory
  // plan's reuse. The copies live outside the arena and are sized once, here.
  void SetCapture(bool enabled);
  bool capturing() const { return capture_; }
  // The captured bytes of node `node`'s output `k` from the last Invoke() (capture on only).
  const std::vector<uint8_t>& captured(size_t node, size_t k) const { return captures_[node][k]; }
  // Zeroes variable tensors and resets stateful kernels.
  void Reset();

  std::vector<Tensor>& tensors() { return tensors_; }
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<int>& inputs() const { return subgraphs_[0].inputs; }
  const std::vector<int>& outputs() const { return subgraphs_[0].outputs; }

  // Graph, for control-flow and resource-variable kernels.
  int num_subgraphs() const override { return static_cast<int>(subgraphs_.size()); }
  const std::vector<int>& subgraph_inputs(int subgraph) const override {
    return subgraphs_[subgraph].inputs;
  }
  const std::vector<int>& subgraph_outputs(int subgraph) const override {
    return subgraphs_[subgraph].outputs;
  }
  Status InvokeSubgraph(int subgraph) override;
  ResourceVariables& resource_variables() override { return resources_; }
  const std::vector<PlannedBuffer>& plan() const { return plan_; }
  size_t arena_size() const { return arena_size_; }
  size_t head_bytes() const { return head_bytes_; }
  size_t persistent_bytes() const { return persistent_bytes_; }
  // What the persistent area holds, for tools that report it (after Prepare).
  struct PersistentParts {
    size_t variable_tensors = 0;    // the model's variable tensors (e.g. SVDF, LSTM state)
    size_t kernel_state = 0;        // kernels' request_persistent data (e.g. signal ops)
    size_t resource_variables = 0;  // VAR_HANDLE / ASSIGN_VARIABLE storage
  };
  const PersistentParts& persistent_parts() const { return persistent_parts_; }
  const std::string& variant() const { return variant_; }

 private:
  struct Subgraph {
    std::vector<int> inputs, outputs;
    size_t first_node = 0, end_node = 0;  // its nodes: [first_node, end_node)
  };
  // Lifetimes in TFLM's allocation scopes, per tensor and per scratch buffer.
  struct Lifetimes {
    std::vector<int> first, last;                       // per tensor
    std::vector<std::vector<int>> scratch_first, scratch_last;  // per node, per request
    int scope = 0;
  };
  Status PlanMemory();
  Status MarkLifetimes(int subgraph, Lifetimes* lifetimes, std::vector<bool>* on_stack);
  bool IsPersistentVariable(size_t tensor) const;
  Status NodeError(size_t node_index, const Status& status) const;

  std::string variant_;
  std::vector<Tensor> tensors_;
  std::vector<Node> nodes_;
  std::vector<Subgraph> subgraphs_;
  std::vector<int64_t> offline_offsets_;
  ResourceVariables resources_;

  std::vector<PlannedBuffer> plan_;
  size_t head_bytes_ = 0;        // planned activations and scratch
  size_t persistent_bytes_ = 0;  // variable tensors, resource variables and kernel state
  PersistentParts persistent_parts_;
  bool prepared_ = false;

  bool profiling_ = false;
  std::vector<uint64_t> node_ns_;
  bool capture_ = false;
  std::vector<std::vector<std::vector<uint8_t>>> captures_;  // [node][output] bytes

  std::unique_ptr<ThreadPool> pool_;  // null: kernels run on the calling thread only

  std::unique_ptr<uint8_t[]> arena_storage_;
  uint8_t* arena_ = nullptr;
  size_t arena_size_ = 0;
};

}  // namespace tflm_host
