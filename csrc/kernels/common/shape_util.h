// Shape helpers of the data-movement and indexing ops: a possibly negative axis resolved
// against a rank, a shape check with both shapes in the message, and the constant integer
// shape inputs (FILL's dims, BROADCAST_TO's shape) read in their own type.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"

namespace tflm_host {

// axis + rank when negative; an error naming `what` unless the result lies in [0, rank).
inline Status ResolveAxis(int64_t axis, int rank, const char* what, int* resolved) {
  const int64_t value = axis < 0 ? axis + rank : axis;
  TFH_ENSURE(value >= 0 && value < rank, "%s %lld is out of range for rank %d", what,
             static_cast<long long>(axis), rank);
  *resolved = static_cast<int>(value);
  return Status::Ok();
}

// Checks `dims` equals `expected`, naming the tensor in the error.
inline Status CheckDims(const std::vector<int32_t>& dims, const std::vector<int32_t>& expected,
                        const char* what) {
  auto text = [](const std::vector<int32_t>& d) {
    std::string s = "[";
    for (size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + std::to_string(d[i]);
    return s + "]";
  };
  TFH_ENSURE(dims == expected, "%s shape is %s, expected %s", what, text(dims).c_str(),
             text(expected).c_str());
  return Status::Ok();
}

// The values of a constant integer tensor (int8 to int64) read in its own type, as TFLM's
// shape inputs (FILL's dims, BROADCAST_TO's shape) are read.
inline Status ReadConstantIntegers(const Tensor& tensor, const char* what,
                                   std::vector<int64_t>* values) {
  TFH_ENSURE(tensor.is_constant, "a non-constant %s tensor is not supported", what);
  const int64_t count = tensor.num_elements();
  values->resize(count);
  auto read = [&](auto sample, int64_t i) {  // buffers may be unaligned
    decltype(sample) v;
    std::memcpy(&v, tensor.data + i * sizeof(v), sizeof(v));
    return static_cast<int64_t>(v);
  };
  for (int64_t i = 0; i < count; ++i) {
    switch (tensor.type) {
      case DType::kInt8: (*values)[i] = read(int8_t{}, i); break;
      case DType::kInt16: (*values)[i] = read(int16_t{}, i); break;
      case DType::kInt32: (*values)[i] = read(int32_t{}, i); break;
      case DType::kInt64: (*values)[i] = read(int64_t{}, i); break;
      default:
        TFH_ENSURE(false, "%s must be an integer tensor, got %s", what, DTypeName(tensor.type));
    }
  }
  return Status::Ok();
}

}  // namespace tflm_host
