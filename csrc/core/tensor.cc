#include "core/tensor.h"

namespace tflm_host {

const char* DTypeName(DType type) {
  switch (type) {
    case DType::kFloat32: return "FLOAT32";
    case DType::kFloat16: return "FLOAT16";
    case DType::kInt32: return "INT32";
    case DType::kUInt8: return "UINT8";
    case DType::kInt64: return "INT64";
    case DType::kString: return "STRING";
    case DType::kBool: return "BOOL";
    case DType::kInt16: return "INT16";
    case DType::kComplex64: return "COMPLEX64";
    case DType::kInt8: return "INT8";
    case DType::kFloat64: return "FLOAT64";
    case DType::kComplex128: return "COMPLEX128";
    case DType::kUInt64: return "UINT64";
    case DType::kResource: return "RESOURCE";
    case DType::kVariant: return "VARIANT";
    case DType::kUInt32: return "UINT32";
    case DType::kUInt16: return "UINT16";
    case DType::kInt4: return "INT4";
  }
  return "UNKNOWN";
}

}  // namespace tflm_host
