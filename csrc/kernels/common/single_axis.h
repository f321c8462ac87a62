// The one-element int32 axis tensor of ARG_MAX, ARG_MIN and CUMSUM. TFLM reads it in Eval, so
// it may be a graph input: a constant axis is checked in Prepare, any other in each Eval.
#pragma once

#include <cstdint>
#include <cstring>

#include "core/op_context.h"
#include "core/status.h"
#include "core/tensor.h"
#include "kernels/common/shape_util.h"

namespace tflm_host {

inline Status CheckSingleAxisTensor(const Tensor& axis) {
  TFH_ENSURE(axis.type == DType::kInt32, "axis must be INT32, got %s", DTypeName(axis.type));
  TFH_ENSURE(axis.num_elements() == 1, "axis must hold one value, got %lld",
             static_cast<long long>(axis.num_elements()));
  return Status::Ok();
}

// Prepare's common checks: inputs (tensor, axis) and one output, a FLOAT32 or INT8 input (what
// TFLM's ARG_MAX, ARG_MIN and CUMSUM take) of rank >= 1 and a one-element int32 axis.
Status GetSingleAxisOperands(const OpContext& context, const char* op, const Tensor** input,
                             const Tensor** axis);

// The axis value in [0, rank), negative values counting from the end.
inline Status ResolveSingleAxis(const Tensor& axis, int rank, int* resolved) {
  int32_t value;
  std::memcpy(&value, axis.data, sizeof(value));  // constant buffers may be unaligned
  return ResolveAxis(value, rank, "axis", resolved);
}

// A check failing in Eval is an invoke error (kRuntime), not a model error.
inline Status AsInvokeError(Status status) {
  if (status.ok()) return status;
  return Status::Error(StatusCode::kRuntime, status.message());
}

// Eval: the axis of the node's axis input (input 1) when it is not a constant, or an invoke
// error.
inline Status ResolveAxisInput(const OpContext& context, int rank, int* resolved) {
  return AsInvokeError(ResolveSingleAxis(*context.input(1), rank, resolved));
}

}  // namespace tflm_host
