// Runtime: one prepared, planned and runnable graph.
//
// Lifecycle: add tensors and nodes (the bindings do this from the validated Python model),
// Prepare() (every kernel validates its tensors, precomputes and requests scratch), then
// Allocate(arena_size) (plan lifetimes into the arena, point tensors at it), then Invoke() as
// often as needed. The arena is the only memory Invoke() touches besides the constants.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

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

class Runtime {
 public:
  explicit Runtime(std::string variant) : variant_(std::move(variant)) {}

  int AddTensor(Tensor tensor);
  int AddNode(Node node);
  void SetIO(std::vector<int> inputs, std::vector<int> outputs);
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
  const std::vector<int>& inputs() const { return inputs_; }
  const std::vector<int>& outputs() const { return outputs_; }
  const std::vector<PlannedBuffer>& plan() const { return plan_; }
  size_t arena_size() const { return arena_size_; }
  size_t head_bytes() const { return head_bytes_; }
  size_t persistent_bytes() const { return persistent_bytes_; }
  const std::string& variant() const { return variant_; }

 private:
  Status PlanMemory();
  bool IsPersistentVariable(size_t tensor) const;
  Status NodeError(size_t node_index, const Status& status) const;

  std::string variant_;
  std::vector<Tensor> tensors_;
  std::vector<Node> nodes_;
  std::vector<int> inputs_, outputs_;
  std::vector<int64_t> offline_offsets_;

  std::vector<PlannedBuffer> plan_;
  size_t head_bytes_ = 0;        // planned activations and scratch
  size_t persistent_bytes_ = 0;  // variable tensors and kernel state, after the head
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
