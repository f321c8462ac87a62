// GATHER and GATHER_ND math as TFLM's kernels. Both check the index values they use at run
// time and stop with false on the first bad one (outputs before it are already written).
#pragma once

#include <cstdint>
#include <cstring>

namespace tflm_host {
namespace reference {

// GATHER: input viewed as [batch, outer, axis, inner], indices as [batch, coords].
struct GatherParams {
  int64_t batch_size, outer_size, axis_size, inner_size, coord_size;
};

inline bool Gather(const GatherParams& p, int element_bytes, const uint8_t* input,
                   const int32_t* coords, uint8_t* output) {
  const int64_t slice_bytes = p.inner_size * element_bytes;
  for (int64_t batch = 0; batch < p.batch_size; ++batch) {
    const int32_t* batch_coords = coords + batch * p.coord_size;
    for (int64_t outer = 0; outer < p.outer_size; ++outer) {
      const uint8_t* rows = input + (batch * p.outer_size + outer) * p.axis_size * slice_bytes;
      for (int64_t c = 0; c < p.coord_size; ++c) {
        const int32_t index = batch_coords[c];
        if (index < 0 || index >= p.axis_size) return false;
        std::memcpy(output, rows + index * slice_bytes, slice_bytes);
        output += slice_bytes;
      }
    }
  }
  return true;
}

constexpr int kGatherNdMaxIndexDepth = 5;

// GATHER_ND: each of `slices` index tuples of `depth` values selects `slice_size` elements.
struct GatherNdParams {
  int64_t slices, slice_size, params_size;
  int depth;
  int64_t strides[kGatherNdMaxIndexDepth];  // elements per step of each indexed dimension
};

// TFLM checks only the flat position: a tuple whose components are out of range but whose
// slice lies inside the params tensor is read, not rejected.
inline bool GatherNd(const GatherNdParams& p, int element_bytes, const uint8_t* params,
                     const int32_t* indices, uint8_t* output) {
  const int64_t slice_bytes = p.slice_size * element_bytes;
  for (int64_t i = 0; i < p.slices; ++i) {
    int64_t from = 0;
    for (int j = 0; j < p.depth; ++j) from += static_cast<int64_t>(*indices++) * p.strides[j];
    if (from < 0 || from + p.slice_size > p.params_size) return false;
    std::memcpy(output + i * slice_bytes, params + from * element_bytes, slice_bytes);
  }
  return true;
}

}  // namespace reference
}  // namespace tflm_host
