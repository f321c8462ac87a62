#include "kernels/common/subgraph_io.h"

#include <cstring>

namespace tflm_host {

Status RequireSubgraphIndex(const OpContext& context, const char* option, int* index) {
  TFH_ENSURE(context.graph() != nullptr, "needs a runtime with subgraphs");
  const int64_t value = context.options().get_int(option, 0);
  const int count = context.graph()->num_subgraphs();
  TFH_ENSURE(value >= 0 && value < count, "%s %lld is out of range: the model has %d subgraphs",
             option, static_cast<long long>(value), count);
  *index = static_cast<int>(value);
  return Status::Ok();
}

Status CheckCopyable(const OpContext& context, const std::vector<int>& from,
                     const std::vector<int>& to, const char* from_what, const char* to_what) {
  TFH_ENSURE(from.size() == to.size(), "%s has %zu tensors, %s has %zu", from_what, from.size(),
             to_what, to.size());
  for (size_t i = 0; i < from.size(); ++i) {
    TFH_ENSURE(from[i] >= 0 && to[i] >= 0, "%s %zu is omitted", from_what, i);
    const Tensor& a = *context.tensor(from[i]);
    const Tensor& b = *context.tensor(to[i]);
    TFH_ENSURE(a.type == b.type, "%s %zu is %s but %s %zu is %s", from_what, i,
               DTypeName(a.type), to_what, i, DTypeName(b.type));
    TFH_ENSURE(a.bytes == b.bytes, "%s %zu has %zu bytes but %s %zu has %zu", from_what, i,
               a.bytes, to_what, i, b.bytes);
  }
  return Status::Ok();
}

void CopyTensors(const OpContext& context, const std::vector<int>& from,
                 const std::vector<int>& to) {
  for (size_t i = 0; i < from.size(); ++i) {
    const Tensor& source = *context.tensor(from[i]);
    Tensor& destination = *context.tensor(to[i]);
    if (source.bytes != 0 && source.data != destination.data)
      std::memcpy(destination.data, source.data, source.bytes);
  }
}

std::vector<int> NodeInputs(const OpContext& context, int first) {
  std::vector<int> out;
  for (int i = first; i < context.num_inputs(); ++i) out.push_back(context.input_index(i));
  return out;
}

std::vector<int> NodeOutputs(const OpContext& context) {
  std::vector<int> out;
  for (int i = 0; i < context.num_outputs(); ++i) out.push_back(context.output_index(i));
  return out;
}

}  // namespace tflm_host
