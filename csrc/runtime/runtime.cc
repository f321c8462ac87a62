#include "runtime/runtime.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "core/op_context.h"
#include "core/registry.h"

namespace tflm_host {
namespace {

constexpr size_t kAlignment = 16;  // TFLM's MicroArenaBufferAlignment()

size_t AlignUp(size_t n) { return (n + kAlignment - 1) / kAlignment * kAlignment; }

}  // namespace

int Runtime::AddTensor(Tensor tensor) {
  tensors_.push_back(std::move(tensor));
  return static_cast<int>(tensors_.size()) - 1;
}

int Runtime::AddNode(Node node) {
  nodes_.push_back(std::move(node));
  return static_cast<int>(nodes_.size()) - 1;
}

void Runtime::SetIO(std::vector<int> inputs, std::vector<int> outputs) {
  inputs_ = std::move(inputs);
  outputs_ = std::move(outputs);
}

Status Runtime::NodeError(size_t node_index, const Status& status) const {
  return Status::Error(status.code(), Format("operator %zu (%s): %s", node_index,
                                             nodes_[node_index].op.c_str(),
                                             status.message().c_str()));
}

Status Runtime::Prepare() {
  ScopedThreadPool threads(pool_.get());
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node& node = nodes_[i];
    node.kernel = Registry::Get().Find(node.op, variant_);
    if (node.kernel == nullptr)
      return Status::Error(StatusCode::kUnsupported,
                           Format("operator %zu: no kernel for %s", i, node.op.c_str()));
    node.scratch_sizes.clear();
    node.persistent_sizes.clear();
    node.data.reset();
    OpContext context(node, tensors_);
    Status status = node.kernel->prepare(context);
    if (!status.ok()) return NodeError(i, status);
  }
  TFH_RETURN_IF_ERROR(PlanMemory());
  prepared_ = true;
  return Status::Ok();
}

// Lifetimes exactly as TFLM's AllocationInfoBuilder assigns them, in "scopes": graph inputs
// are created at scope 0, node i runs at scope i + 1, graph outputs live to the last scope.
// A tensor lives from the scope that first creates it to the last that reads or writes it;
// scratch lives only while its node runs. Constants stay in the model, 0-byte and unreferenced
// tensors get no memory, and variable tensors persist in a region after the planned head.
bool Runtime::IsPersistentVariable(size_t t) const {
  const bool offline = t < offline_offsets_.size() && offline_offsets_[t] >= 0;
  return tensors_[t].is_variable && !tensors_[t].is_constant && !offline;
}

Status Runtime::PlanMemory() {
  const int end_scope = static_cast<int>(nodes_.size());
  std::vector<int> first(tensors_.size(), -1), last(tensors_.size(), -1);
  auto created = [&](int t, int scope) {
    if (first[t] < 0) first[t] = scope;
  };
  for (int t : inputs_) {
    created(t, 0);
    last[t] = 0;
  }
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const int scope = static_cast<int>(i) + 1;
    for (int t : nodes_[i].outputs) created(t, scope);
    for (int t : nodes_[i].inputs)
      if (t >= 0) last[t] = scope;
    for (int t : nodes_[i].outputs) last[t] = scope;
  }
  for (int t : outputs_) {
    created(t, end_scope);
    last[t] = end_scope;
  }

  std::vector<BufferRequest> requests;
  plan_.clear();
  for (size_t t = 0; t < tensors_.size(); ++t) {
    const Tensor& tensor = tensors_[t];
    const bool offline = t < offline_offsets_.size() && offline_offsets_[t] >= 0;
    if (tensor.is_constant || tensor.bytes == 0 || (tensor.is_variable && !offline)) continue;
    // Referenced by no node and no graph I/O (an operator's intermediates): never touched.
    if (first[t] < 0 && last[t] < 0 && !offline) continue;
    BufferRequest request;
    request.size = AlignUp(tensors_[t].bytes);
    request.first_used = first[t];
    request.last_used = last[t];
    if (offline) request.offline_offset = offline_offsets_[t];
    requests.push_back(request);
    plan_.push_back({static_cast<int>(t), -1, 0, request.size, first[t], last[t]});
  }
  for (size_t i = 0; i < nodes_.size(); ++i) {
    for (size_t s = 0; s < nodes_[i].scratch_sizes.size(); ++s) {
      BufferRequest request;
      request.size = AlignUp(nodes_[i].scratch_sizes[s]);
      request.first_used = request.last_used = static_cast<int>(i) + 1;
      requests.push_back(request);
      plan_.push_back({-1, static_cast<int>(i), 0, request.size, request.first_used,
                       request.last_used});
    }
  }
  const std::vector<size_t> offsets = GreedyPlanner::Plan(requests, &head_bytes_);
  for (size_t i = 0; i < plan_.size(); ++i) plan_[i].offset = offsets[i];

  persistent_bytes_ = 0;
  for (size_t t = 0; t < tensors_.size(); ++t)
    if (IsPersistentVariable(t)) persistent_bytes_ += AlignUp(tensors_[t].bytes);
  for (const Node& node : nodes_)
    for (size_t bytes : node.persistent_sizes) persistent_bytes_ += AlignUp(bytes);
  return Status::Ok();
}

Status Runtime::Allocate(size_t arena_size) {
  if (!prepared_) return Status::Error(StatusCode::kRuntime, "Allocate() before Prepare()");
  const size_t required = RequiredArenaBytes();
  if (arena_size == 0) arena_size = std::max<size_t>(required, kAlignment);
  if (arena_size < required)
    return Status::Error(StatusCode::kArenaTooSmall,
                         Format("arena too small: %zu bytes required, %zu available", required,
                                arena_size));
  arena_storage_.reset(new uint8_t[arena_size + kAlignment]());
  const uintptr_t base = reinterpret_cast<uintptr_t>(arena_storage_.get());
  arena_ = arena_storage_.get() + (AlignUp(base) - base);
  arena_size_ = arena_size;

  for (Node& node : nodes_) node.scratch.assign(node.scratch_sizes.size(), nullptr);
  std::vector<size_t> scratch_seen(nodes_.size(), 0);
  for (const PlannedBuffer& buffer : plan_) {
    if (buffer.tensor >= 0) {
      tensors_[buffer.tensor].data = arena_ + buffer.offset;
    } else {
      Node& node = nodes_[buffer.node];
      node.scratch[scratch_seen[buffer.node]++] = arena_ + buffer.offset;
    }
  }
  size_t persistent_offset = head_bytes_;
  for (size_t t = 0; t < tensors_.size(); ++t) {
    if (IsPersistentVariable(t)) {
      tensors_[t].data = arena_ + persistent_offset;
      persistent_offset += AlignUp(tensors_[t].bytes);
    }
  }
  // Kernel state after the variable tensors, node by node in request order.
  for (Node& node : nodes_) {
    node.persistent.clear();
    for (size_t bytes : node.persistent_sizes) {
      node.persistent.push_back(arena_ + persistent_offset);
      persistent_offset += AlignUp(bytes);
    }
  }
  Reset();
  return Status::Ok();
}

Status Runtime::Invoke() {
  if (arena_ == nullptr) return Status::Error(StatusCode::kRuntime, "Invoke() before Allocate()");
  using Clock = std::chrono::steady_clock;
  ScopedThreadPool threads(pool_.get());
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node& node = nodes_[i];
    OpContext context(node, tensors_);
    const Clock::time_point start = profiling_ ? Clock::now() : Clock::time_point();
    Status status = node.kernel->eval(context);
    if (profiling_)
      node_ns_[i] = static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count());
    if (!status.ok()) return NodeError(i, status);
    if (capture_)
      for (size_t k = 0; k < node.outputs.size(); ++k) {
        const Tensor& out = tensors_[node.outputs[k]];
        if (out.bytes != 0) std::memcpy(captures_[i][k].data(), out.data, out.bytes);
      }
  }
  return Status::Ok();
}

Status Runtime::InvokeBatch(const std::vector<const uint8_t*>& inputs,
                            const std::vector<uint8_t*>& outputs, size_t count) {
  if (inputs.size() != inputs_.size() || outputs.size() != outputs_.size())
    return Status::Error(StatusCode::kInvalid, "batch needs one buffer per input and output");
  for (size_t n = 0; n < count; ++n) {
    for (size_t k = 0; k < inputs_.size(); ++k) {
      Tensor& t = tensors_[inputs_[k]];
      std::memcpy(t.data, inputs[k] + n * t.bytes, t.bytes);
    }
    TFH_RETURN_IF_ERROR(Invoke());
    for (size_t k = 0; k < outputs_.size(); ++k) {
      const Tensor& t = tensors_[outputs_[k]];
      std::memcpy(outputs[k] + n * t.bytes, t.data, t.bytes);
    }
  }
  return Status::Ok();
}

void Runtime::SetProfiling(bool enabled) {
  profiling_ = enabled;
  node_ns_.assign(nodes_.size(), 0);
}

void Runtime::SetCapture(bool enabled) {
  capture_ = enabled;
  captures_.clear();
  if (!enabled) return;
  captures_.resize(nodes_.size());
  for (size_t i = 0; i < nodes_.size(); ++i)
    for (int t : nodes_[i].outputs) captures_[i].emplace_back(tensors_[t].bytes, 0);
}

void Runtime::Reset() {
  for (Tensor& tensor : tensors_)
    if (tensor.is_variable && !tensor.is_constant && tensor.data != nullptr) {
      // As TFLM's ResetVariableTensors: int8 state fills with its zero point, the rest with 0.
      const int value = tensor.type == DType::kInt8 ? tensor.zero_point() : 0;
      std::memset(tensor.data, value, tensor.bytes);
    }
  for (Node& node : nodes_)
    if (node.kernel != nullptr && node.kernel->reset != nullptr) {
      OpContext context(node, tensors_);
      node.kernel->reset(context);
    }
}

}  // namespace tflm_host
