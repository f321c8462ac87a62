// TRANSPOSE math: walks the output in order; output dimension d advances the input by the
// input stride of dimension perm[d].
#pragma once

#include <cstdint>

namespace tflm_host {
namespace reference {

constexpr int kTransposeMaxDims = 5;

struct TransposeParams {
  int rank;
  int32_t output_dims[kTransposeMaxDims];
  int64_t input_step[kTransposeMaxDims];  // input stride of dimension perm[d]
};

template <typename T>
void TransposeDimension(const TransposeParams& p, int d, const T* input, T*& output) {
  const int64_t step = p.input_step[d];
  if (d == p.rank - 1) {
    for (int32_t i = 0; i < p.output_dims[d]; ++i) *output++ = input[i * step];
    return;
  }
  for (int32_t i = 0; i < p.output_dims[d]; ++i)
    TransposeDimension(p, d + 1, input + i * step, output);
}

template <typename T>
void Transpose(const TransposeParams& p, const T* input, T* output) {
  TransposeDimension(p, 0, input, output);
}

}  // namespace reference
}  // namespace tflm_host
