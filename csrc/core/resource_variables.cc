#include "core/resource_variables.h"

#include <cstring>

namespace tflm_host {
namespace {

size_t AlignUp(size_t n, size_t alignment) { return (n + alignment - 1) / alignment * alignment; }

}  // namespace

void ResourceVariables::Clear() {
  variables_.clear();
  tensor_ids_.clear();
}

int ResourceVariables::FindOrCreate(const std::optional<std::string>& container,
                                    const std::string& shared_name) {
  for (size_t i = 0; i < variables_.size(); ++i) {
    const Variable& v = variables_[i];
    const bool container_matches = !container || (v.container && *v.container == *container);
    if (container_matches && v.shared_name == shared_name) return static_cast<int>(i);
  }
  Variable variable;
  variable.container = container;
  variable.shared_name = shared_name;
  variables_.push_back(std::move(variable));
  return static_cast<int>(variables_.size()) - 1;
}

Status ResourceVariables::CheckId(int id) const {
  if (id < 0 || id >= count())
    return Status::Error(StatusCode::kRuntime,
                         Format("resource variable %d does not exist (%d variables)", id, count()));
  return Status::Ok();
}

Status ResourceVariables::Allocate(int id, size_t bytes, int8_t default_value) {
  TFH_RETURN_IF_ERROR(CheckId(id));
  Variable& v = variables_[id];
  if (v.allocated) return Status::Ok();
  v.allocated = true;
  v.bytes = bytes;
  v.default_value = default_value;
  return Status::Ok();
}

int ResourceVariables::TensorId(int tensor) const {
  auto it = tensor_ids_.find(tensor);
  return it == tensor_ids_.end() ? -1 : it->second;
}

size_t ResourceVariables::ArenaBytes(size_t alignment) const {
  size_t total = 0;
  for (const Variable& v : variables_)
    if (v.allocated) total += AlignUp(v.bytes, alignment);
  return total;
}

void ResourceVariables::Bind(uint8_t* storage, size_t alignment) {
  for (Variable& v : variables_) {
    if (!v.allocated) continue;
    v.buffer = storage;
    storage += AlignUp(v.bytes, alignment);
  }
}

void ResourceVariables::ResetAll() {
  for (Variable& v : variables_)
    if (v.buffer != nullptr) std::memset(v.buffer, v.default_value, v.bytes);
}

Status ResourceVariables::Read(int id, void* destination, size_t bytes) const {
  TFH_RETURN_IF_ERROR(CheckId(id));
  const Variable& v = variables_[id];
  if (!v.allocated)
    return Status::Error(StatusCode::kRuntime,
                         Format("resource variable '%s' is read but no ASSIGN_VARIABLE sizes it",
                                v.shared_name.c_str()));
  if (bytes != v.bytes)
    return Status::Error(StatusCode::kRuntime,
                         Format("resource variable '%s' holds %zu bytes, the read wants %zu",
                                v.shared_name.c_str(), v.bytes, bytes));
  if (bytes != 0) std::memcpy(destination, v.buffer, bytes);
  return Status::Ok();
}

Status ResourceVariables::Assign(int id, const void* source, size_t bytes) {
  TFH_RETURN_IF_ERROR(CheckId(id));
  Variable& v = variables_[id];
  if (!v.allocated)
    return Status::Error(StatusCode::kRuntime,
                         Format("resource variable '%s' is assigned before its buffer exists "
                                "(no ASSIGN_VARIABLE on it was prepared with a known handle)",
                                v.shared_name.c_str()));
  if (bytes != v.bytes)
    return Status::Error(StatusCode::kRuntime,
                         Format("resource variable '%s' holds %zu bytes, the assignment has %zu",
                                v.shared_name.c_str(), v.bytes, bytes));
  if (bytes != 0) std::memcpy(v.buffer, source, bytes);
  return Status::Ok();
}

}  // namespace tflm_host
