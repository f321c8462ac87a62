// Helpers for kernels that move elements without looking at their values (reshape, pad,
// transpose, slices): element sizes, dispatch on a same-sized storage type, and the int32
// index tensors (paddings, perm, begin/end/strides) that TFLM reads from constant buffers.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "core/op_context.h"
#include "core/status.h"
#include "core/tensor.h"

namespace tflm_host {

// Bytes per element of the types a data-movement kernel can copy; 0 for any other type.
inline int ElementBytes(DType type) {
  switch (type) {
    case DType::kInt8: case DType::kUInt8: case DType::kBool: return 1;
    case DType::kInt16: case DType::kUInt16: case DType::kFloat16: return 2;
    case DType::kInt32: case DType::kUInt32: case DType::kFloat32: return 4;
    case DType::kInt64: case DType::kUInt64: case DType::kFloat64: return 8;
    default: return 0;
  }
}

// Calls fn(T{}) with the unsigned integer type as wide as one element: moving elements only
// needs their bits, so one instantiation per size covers every type.
template <typename Fn>
inline void DispatchByElementSize(DType type, Fn&& fn) {
  switch (ElementBytes(type)) {
    case 1: fn(uint8_t{}); break;
    case 2: fn(uint16_t{}); break;
    case 4: fn(uint32_t{}); break;
    case 8: fn(uint64_t{}); break;
    default: break;
  }
}

// The first `count` int32 words of a constant tensor. TFLM reads these index tensors as
// int32 whatever their declared type (an int64 tensor yields its low and high words), so
// doing the same keeps the results identical; the buffer must hold `count` words.
inline Status ReadConstantInt32s(const Tensor& tensor, int count, const char* what,
                                 std::vector<int32_t>* values) {
  TFH_ENSURE(tensor.is_constant, "a non-constant %s tensor is not supported", what);
  TFH_ENSURE(tensor.bytes >= static_cast<size_t>(count) * sizeof(int32_t),
             "%s tensor holds %zu bytes, %d int32 values are needed", what, tensor.bytes, count);
  values->resize(count);
  if (count > 0) std::memcpy(values->data(), tensor.data, count * sizeof(int32_t));  // may be unaligned
  return Status::Ok();
}

// Every type ElementBytes() knows: the input types of kernels that copy elements unseen.
inline std::vector<DType> CopyableTypes() {
  return {DType::kFloat32, DType::kFloat16, DType::kFloat64, DType::kInt8,
          DType::kUInt8,   DType::kInt16,   DType::kUInt16,  DType::kInt32,
          DType::kUInt32,  DType::kInt64,   DType::kUInt64,  DType::kBool};
}

// Eval of the ops that change only the shape (RESHAPE, SQUEEZE, EXPAND_DIMS): the output
// holds the input's bytes unchanged.
inline Status EvalCopyInputToOutput(OpContext& context) {
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  if (input->bytes > 0) std::memcpy(output->data, input->data, input->bytes);
  return Status::Ok();
}

}  // namespace tflm_host
