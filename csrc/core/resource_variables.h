// ResourceVariables: the state behind VAR_HANDLE / READ_VARIABLE / ASSIGN_VARIABLE, as TFLM's
// MicroResourceVariables keeps it. A variable is named by (container, shared_name) and shared
// by every subgraph; its buffer is sized by the first ASSIGN_VARIABLE prepared on it and lives
// in the arena's persistent region. Reset fills every buffer with its default byte again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace tflm_host {

class ResourceVariables {
 public:
  void Clear();
  // Prepare: the id of the variable named so, created if new. An absent container matches
  // any container (TFLM: converters may omit it to save space).
  int FindOrCreate(const std::optional<std::string>& container, const std::string& shared_name);
  // Prepare: sizes variable `id` unless already sized. `default_value` is the byte its
  // buffer starts with and returns to on reset (TFLM: the value tensor's zero point, as int8).
  Status Allocate(int id, size_t bytes, int8_t default_value);
  // Prepare: the id a VAR_HANDLE's output tensor will hold, when known statically.
  void SetTensorId(int tensor, int id) { tensor_ids_[tensor] = id; }
  int TensorId(int tensor) const;

  // Bytes of arena the buffers need (each 16-byte aligned).
  size_t ArenaBytes(size_t alignment) const;
  // Points the buffers into the arena, back to back from `storage`.
  void Bind(uint8_t* storage, size_t alignment);
  void ResetAll();

  // Eval.
  Status Read(int id, void* destination, size_t bytes) const;
  Status Assign(int id, const void* source, size_t bytes);
  int count() const { return static_cast<int>(variables_.size()); }

 private:
  struct Variable {
    std::optional<std::string> container;
    std::string shared_name;
    size_t bytes = 0;
    bool allocated = false;
    int8_t default_value = 0;
    uint8_t* buffer = nullptr;
  };
  Status CheckId(int id) const;

  std::vector<Variable> variables_;
  std::map<int, int> tensor_ids_;
};

}  // namespace tflm_host
