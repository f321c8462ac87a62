// Tensor: type, shape, quantization and a data pointer. Constant tensors point into the
// model buffer (owned by Python); every other tensor points into the arena once the memory
// plan is committed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tflm_host {

// Values match the TFLite schema's TensorType enum.
enum class DType : int32_t {
  kFloat32 = 0, kFloat16 = 1, kInt32 = 2, kUInt8 = 3, kInt64 = 4, kString = 5, kBool = 6,
  kInt16 = 7, kComplex64 = 8, kInt8 = 9, kFloat64 = 10, kComplex128 = 11, kUInt64 = 12,
  kResource = 13, kVariant = 14, kUInt32 = 15, kUInt16 = 16, kInt4 = 17,
};

const char* DTypeName(DType type);

struct Tensor {
  DType type = DType::kFloat32;
  std::vector<int32_t> dims;
  size_t bytes = 0;
  uint8_t* data = nullptr;
  bool is_constant = false;
  bool is_variable = false;
  // Quantization: one entry per tensor, or one per channel along quantized_dimension.
  std::vector<float> scales;
  std::vector<int32_t> zero_points;
  int32_t quantized_dimension = 0;

  int rank() const { return static_cast<int>(dims.size()); }
  int32_t dim(int i) const { return dims[i]; }
  int64_t num_elements() const {
    int64_t n = 1;
    for (int32_t d : dims) n *= d;
    return n;
  }
  bool is_quantized() const { return !scales.empty(); }
  float scale() const { return scales.empty() ? 0.0f : scales[0]; }
  int32_t zero_point() const { return zero_points.empty() ? 0 : zero_points[0]; }

  template <typename T>
  T* as() { return reinterpret_cast<T*>(data); }
  template <typename T>
  const T* as() const { return reinterpret_cast<const T*>(data); }
};

// Product of dims [begin, end) of `dims`; TFLM's "flat size" helpers in one place.
inline int64_t FlatSize(const std::vector<int32_t>& dims, int begin, int end) {
  int64_t n = 1;
  for (int i = begin; i < end; ++i) n *= dims[i];
  return n;
}

inline bool SameShape(const Tensor& a, const Tensor& b) { return a.dims == b.dims; }

}  // namespace tflm_host
