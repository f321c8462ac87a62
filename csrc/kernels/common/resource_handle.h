// The resource handle tensors of VAR_HANDLE / READ_VARIABLE / ASSIGN_VARIABLE: one int32
// element (type RESOURCE, or INT32 as TFLM also accepts) holding a resource variable's id.
#pragma once

#include <cstdint>
#include <cstring>

#include "core/status.h"
#include "core/tensor.h"

namespace tflm_host {

inline Status CheckResourceHandle(const Tensor& handle, const char* what) {
  TFH_ENSURE(handle.type == DType::kResource || handle.type == DType::kInt32,
             "%s must be RESOURCE or INT32, got %s", what, DTypeName(handle.type));
  TFH_ENSURE(handle.num_elements() == 1, "%s has %lld elements, expected 1", what,
             static_cast<long long>(handle.num_elements()));
  return Status::Ok();
}

inline int32_t ReadResourceId(const Tensor& handle) {
  int32_t id;
  std::memcpy(&id, handle.data, sizeof(id));
  return id;
}

}  // namespace tflm_host
