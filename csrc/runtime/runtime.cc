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
  Subgraph& subgraph = subgraphs_.back();
  node.subgraph = static_cast<int>(subgraphs_.size()) - 1;
  node.index_in_subgraph = static_cast<int>(subgraph.end_node - subgraph.first_node);
  nodes_.push_back(std::move(node));
  subgraph.end_node = nodes_.size();
  return static_cast<int>(nodes_.size()) - 1;
}

int Runtime::BeginSubgraph() {
  Subgraph subgraph;
  subgraph.first_node = subgraph.end_node = nodes_.size();
  subgraphs_.push_back(std::move(subgraph));
  return static_cast<int>(subgraphs_.size()) - 1;
}

void Runtime::SetIO(std::vector<int> inputs, std::vector<int> outputs) {
  SetSubgraphIO(0, std::move(inputs), std::move(outputs));
}

void Runtime::SetSubgraphIO(int subgraph, std::vector<int> inputs, std::vector<int> outputs) {
  subgraphs_[subgraph].inputs = std::move(inputs);
  subgraphs_[subgraph].outputs = std::move(outputs);
}

Status Runtime::NodeError(size_t node_index, const Status& status) const {
  const Node& node = nodes_[node_index];
  const std::string where =
      node.subgraph == 0 ? Format("operator %d", node.index_in_subgraph)
                         : Format("subgraph %d operator %d", node.subgraph, node.index_in_subgraph);
  return Status::Error(status.code(), Format("%s (%s): %s", where.c_str(), node.op.c_str(),
                                             status.message().c_str()));
}

// The external-kernel adapter: a node with `external` set runs it in place of a registered
// kernel (nothing to prepare: the caller validated the node when it attached the kernel).
namespace {
Status PrepareExternal(OpContext&) { return Status::Ok(); }
Status EvalExternal(OpContext& context) { return context.external_kernel()->Eval(context); }
const KernelDef kExternalKernel{"<external>", "reference", {}, PrepareExternal, EvalExternal};
}  // namespace

// As TFLM's PrepareSubgraphs: every subgraph's operators in model order, so a kernel sees the
// state earlier ones set up (a VAR_HANDLE before the ASSIGN_VARIABLE that sizes its buffer).
Status Runtime::Prepare() {
  ScopedThreadPool threads(pool_.get());
  resources_.Clear();
  // Non-constant tensors get their memory from the plan; a kernel may point its output at
  // its own data in Prepare instead (VAR_HANDLE), and the plan then leaves it out.
  for (Tensor& tensor : tensors_)
    if (!tensor.is_constant) tensor.data = nullptr;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node& node = nodes_[i];
    std::vector<DType> input_types;  // an omitted optional input has no type (-1)
    for (int t : node.inputs) input_types.push_back(t >= 0 ? tensors_[t].type : DType{-1});
    node.kernel = node.external ? &kExternalKernel
                                : Registry::Get().Find(node.op, variant_, input_types);
    if (node.kernel == nullptr) {
      const Status missing(Status::Error(StatusCode::kUnsupported,
                                         Format("no kernel for %s", node.op.c_str())));
      return NodeError(i, missing);
    }
    node.scratch_sizes.clear();
    node.called_subgraphs.clear();
    node.persistent_sizes.clear();
    node.data.reset();
    OpContext context(node, tensors_, this);
    Status status = node.kernel->prepare(context);
    if (!status.ok()) return NodeError(i, status);
  }
  TFH_RETURN_IF_ERROR(PlanMemory());
  prepared_ = true;
  return Status::Ok();
}

// Lifetimes as TFLM's AllocationInfoBuilder assigns them, in "scopes" counted across the
// whole model: a subgraph's inputs are created at the scope it is entered in, each node opens
// the next scope, and a node that runs subgraphs (IF, WHILE, CALL_ONCE) marks them right
// after its own scope, each in a new scope, so their tensors live inside the node's lifetime
// and the node's tensors outlive them. A tensor's first creation counts and its last use
// moves on, so a subgraph run from two places (two IFs sharing a branch) keeps one lifetime
// spanning both calls, clear of everything alive at either (the oracle's TFLM does the
// same; some TFLM versions keep only the last call's). Unlike TFLM, creation also counts as
// a use, so a subgraph input no operator reads still gets memory of its own for the copy in.
Status Runtime::MarkLifetimes(int subgraph, Lifetimes* lt, std::vector<bool>* on_stack) {
  if ((*on_stack)[subgraph])
    return Status::Error(StatusCode::kInvalid,
                         Format("subgraph %d runs itself (recursive subgraphs are not "
                                "supported)", subgraph));
  (*on_stack)[subgraph] = true;
  const Subgraph& graph = subgraphs_[subgraph];
  auto created = [&](int t) {
    if (lt->first[t] < 0) lt->first[t] = lt->scope;
    lt->last[t] = std::max(lt->last[t], lt->scope);
  };
  auto used = [&](int t) { lt->last[t] = lt->scope; };
  for (int t : graph.inputs) created(t);
  for (size_t i = graph.first_node; i < graph.end_node; ++i) {
    const Node& node = nodes_[i];
    ++lt->scope;
    for (int t : node.outputs) created(t);
    const int node_scope = lt->scope;
    for (int called : node.called_subgraphs) {
      ++lt->scope;
      TFH_RETURN_IF_ERROR(MarkLifetimes(called, lt, on_stack));
    }
    for (int t : node.inputs)
      if (t >= 0) used(t);
    for (int t : node.outputs) used(t);
    // Scratch spans the node and every subgraph it runs.
    for (size_t s = 0; s < node.scratch_sizes.size(); ++s) {
      int& first = lt->scratch_first[i][s];
      if (first < 0) first = node_scope;
      lt->scratch_last[i][s] = lt->scope;
    }
  }
  for (int t : graph.outputs) used(t);
  (*on_stack)[subgraph] = false;
  return Status::Ok();
}

// Constants stay in the model, 0-byte tensors, tensors whose data a kernel provides and
// tensors no reachable node or subgraph I/O references (op intermediates, subgraphs nothing
// runs) get no memory, and variable tensors and resource variables persist in a region after
// the planned head.
bool Runtime::IsPersistentVariable(size_t t) const {
  const bool offline = t < offline_offsets_.size() && offline_offsets_[t] >= 0;
  return tensors_[t].is_variable && !tensors_[t].is_constant && !offline;
}

Status Runtime::PlanMemory() {
  Lifetimes lt;
  lt.first.assign(tensors_.size(), -1);
  lt.last.assign(tensors_.size(), -1);
  lt.scratch_first.resize(nodes_.size());
  lt.scratch_last.resize(nodes_.size());
  for (size_t i = 0; i < nodes_.size(); ++i) {
    lt.scratch_first[i].assign(nodes_[i].scratch_sizes.size(), -1);
    lt.scratch_last[i].assign(nodes_[i].scratch_sizes.size(), -1);
  }
  std::vector<bool> on_stack(subgraphs_.size(), false);
  TFH_RETURN_IF_ERROR(MarkLifetimes(0, &lt, &on_stack));

  std::vector<BufferRequest> requests;
  plan_.clear();
  for (size_t t = 0; t < tensors_.size(); ++t) {
    const Tensor& tensor = tensors_[t];
    const bool offline = t < offline_offsets_.size() && offline_offsets_[t] >= 0;
    // As TFLM's needs_allocating: constants and kernel-provided data (data already set),
    // empty tensors and non-offline variables (they persist) are not planned.
    if (tensor.data != nullptr || tensor.bytes == 0 || (tensor.is_variable && !offline)) continue;
    if (lt.first[t] < 0 && lt.last[t] < 0 && !offline) continue;
    BufferRequest request;
    request.size = AlignUp(tensors_[t].bytes);
    request.first_used = lt.first[t];
    request.last_used = lt.last[t];
    if (offline) request.offline_offset = offline_offsets_[t];
    requests.push_back(request);
    plan_.push_back({static_cast<int>(t), -1, 0, request.size, lt.first[t], lt.last[t]});
  }
  for (size_t i = 0; i < nodes_.size(); ++i) {
    for (size_t s = 0; s < nodes_[i].scratch_sizes.size(); ++s) {
      if (lt.scratch_first[i][s] < 0) continue;  // a node no invoke reaches
      BufferRequest request;
      request.size = AlignUp(nodes_[i].scratch_sizes[s]);
      request.first_used = lt.scratch_first[i][s];
      request.last_used = lt.scratch_last[i][s];
      requests.push_back(request);
      plan_.push_back({-1, static_cast<int>(i), 0, request.size, request.first_used,
                       request.last_used});
    }
  }
  const std::vector<size_t> offsets = GreedyPlanner::Plan(requests, &head_bytes_);
  for (size_t i = 0; i < plan_.size(); ++i) plan_[i].offset = offsets[i];

  persistent_parts_ = PersistentParts{};
  for (size_t t = 0; t < tensors_.size(); ++t)
    if (IsPersistentVariable(t)) persistent_parts_.variable_tensors += AlignUp(tensors_[t].bytes);
  persistent_parts_.resource_variables = resources_.ArenaBytes(kAlignment);
  for (const Node& node : nodes_)
    for (size_t bytes : node.persistent_sizes) persistent_parts_.kernel_state += AlignUp(bytes);
  persistent_bytes_ = persistent_parts_.variable_tensors + persistent_parts_.kernel_state +
                      persistent_parts_.resource_variables;
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
  resources_.Bind(arena_ + persistent_offset, kAlignment);
  Reset();
  return Status::Ok();
}

Status Runtime::Invoke() {
  if (arena_ == nullptr) return Status::Error(StatusCode::kRuntime, "Invoke() before Allocate()");
  ScopedThreadPool threads(pool_.get());  // for every subgraph the invoke runs
  return InvokeSubgraph(0);
}

Status Runtime::InvokeSubgraph(int subgraph) {
  using Clock = std::chrono::steady_clock;
  const Subgraph& graph = subgraphs_[subgraph];
  for (size_t i = graph.first_node; i < graph.end_node; ++i) {
    Node& node = nodes_[i];
    OpContext context(node, tensors_, this);
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
  const std::vector<int>& model_inputs = subgraphs_[0].inputs;
  const std::vector<int>& model_outputs = subgraphs_[0].outputs;
  if (inputs.size() != model_inputs.size() || outputs.size() != model_outputs.size())
    return Status::Error(StatusCode::kInvalid, "batch needs one buffer per input and output");
  for (size_t n = 0; n < count; ++n) {
    for (size_t k = 0; k < model_inputs.size(); ++k) {
      Tensor& t = tensors_[model_inputs[k]];
      std::memcpy(t.data, inputs[k] + n * t.bytes, t.bytes);
    }
    TFH_RETURN_IF_ERROR(Invoke());
    for (size_t k = 0; k < model_outputs.size(); ++k) {
      const Tensor& t = tensors_[model_outputs[k]];
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
  resources_.ResetAll();
  for (Node& node : nodes_)
    if (node.kernel != nullptr && node.kernel->reset != nullptr) {
      OpContext context(node, tensors_, this);
      node.kernel->reset(context);
    }
}

}  // namespace tflm_host
