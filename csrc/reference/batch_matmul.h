// BATCH_MATMUL math on row-major operands already laid out as TFLM's kernel lays them out:
// the LHS as [batch..., rows, depth] and the RHS transposed to [batch..., cols, depth], so
// each output element is a dot product of two contiguous rows, accumulated in depth order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "reference/quantization.h"
#include "reference/transpose.h"

namespace tflm_host {
namespace reference {

// Batch dimensions, extended on the left to three (operand ranks are 2 to 5).
constexpr int kMatMulBatchDims = 3;

struct MatMulShape {
  int32_t batch[kMatMulBatchDims];       // output (broadcast) batch dims
  int64_t lhs_stride[kMatMulBatchDims];  // element strides; 0 where the operand broadcasts
  int64_t rhs_stride[kMatMulBatchDims];
  int32_t rows, cols, depth;
};

// Swaps the last two dims of `matrices` [rows, cols] matrices: out is [cols, rows] each.
template <typename T>
inline void TransposeMatrices(const T* input, int64_t matrices, int32_t rows, int32_t cols,
                              T* output) {
  TransposeParams p{};
  p.rank = 3;
  p.output_dims[0] = static_cast<int32_t>(matrices);
  p.output_dims[1] = cols;
  p.output_dims[2] = rows;
  p.input_step[0] = static_cast<int64_t>(rows) * cols;
  p.input_step[1] = 1;
  p.input_step[2] = cols;
  Transpose(p, input, output);
}

// Calls dot(lhs_row, rhs_row, out) for every output element, in output order.
template <typename T, typename Out, typename Dot>
inline void ForEachMatMulOutput(const MatMulShape& s, const T* lhs, const T* rhs_t, Out* out,
                                Dot dot) {
  for (int32_t b0 = 0; b0 < s.batch[0]; ++b0) {
    for (int32_t b1 = 0; b1 < s.batch[1]; ++b1) {
      for (int32_t b2 = 0; b2 < s.batch[2]; ++b2) {
        const T* lhs_matrix = lhs + b0 * s.lhs_stride[0] + b1 * s.lhs_stride[1] +
                              b2 * s.lhs_stride[2];
        const T* rhs_matrix = rhs_t + b0 * s.rhs_stride[0] + b1 * s.rhs_stride[1] +
                              b2 * s.rhs_stride[2];
        for (int32_t r = 0; r < s.rows; ++r) {
          for (int32_t c = 0; c < s.cols; ++c) {
            dot(lhs_matrix + static_cast<int64_t>(r) * s.depth,
                rhs_matrix + static_cast<int64_t>(c) * s.depth, out++);
          }
        }
      }
    }
  }
}

inline void BatchMatMulFloat(const MatMulShape& s, const float* lhs, const float* rhs_t,
                             float* out) {
  ForEachMatMulOutput(s, lhs, rhs_t, out, [&](const float* l, const float* r, float* o) {
    float total = 0.0f;
    for (int32_t k = 0; k < s.depth; ++k) total += r[k] * l[k];
    *o = total;
  });
}

struct MatMulQuantParams {
  int32_t lhs_zero_point, rhs_zero_point, output_zero_point;
  int32_t multiplier;
  int shift;
};

// int8 (Acc int32) and int16 (Acc int64, zero points 0): the zero-point-corrected dot product
// requantized with the matching MultiplyByQuantizedMultiplier overload, clamped to T.
template <typename T, typename Acc>
inline void BatchMatMulQuantized(const MatMulShape& s, const MatMulQuantParams& p, const T* lhs,
                                 const T* rhs_t, T* out) {
  const int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
  ForEachMatMulOutput(s, lhs, rhs_t, out, [&](const T* l, const T* r, T* o) {
    Acc total = 0;
    for (int32_t k = 0; k < s.depth; ++k)
      total += (static_cast<Acc>(r[k]) - p.rhs_zero_point) *
               (static_cast<Acc>(l[k]) - p.lhs_zero_point);
    const int32_t value =
        MultiplyByQuantizedMultiplier(total, p.multiplier, p.shift) + p.output_zero_point;
    *o = static_cast<T>(std::min(hi, std::max(lo, value)));
  });
}

}  // namespace reference
}  // namespace tflm_host
