// SELECT_V2: out = condition ? x : y, the three inputs broadcast numpy-style to the output
// (TFLM's BroadcastSelect5DSlow; same shapes run elementwise).
#pragma once

#include <cstdint>

namespace tflm_host {
namespace reference {

constexpr int kMaxSelectRank = 5;

// Per output dimension (extended on the left to kMaxSelectRank): extent, and each input's
// element stride (0 where the input repeats along it).
struct SelectPlan {
  int64_t extent[kMaxSelectRank];
  int64_t condition_stride[kMaxSelectRank], x_stride[kMaxSelectRank], y_stride[kMaxSelectRank];
};

template <typename T>
inline void SelectBroadcast(const SelectPlan& plan, const bool* condition, const T* x, const T* y,
                            T* out) {
  int64_t index[kMaxSelectRank] = {0, 0, 0, 0, 0};
  int64_t total = 1;
  for (int d = 0; d < kMaxSelectRank; ++d) total *= plan.extent[d];
  for (int64_t i = 0; i < total; ++i) {
    int64_t c = 0, a = 0, b = 0;
    for (int d = 0; d < kMaxSelectRank; ++d) {
      c += index[d] * plan.condition_stride[d];
      a += index[d] * plan.x_stride[d];
      b += index[d] * plan.y_stride[d];
    }
    out[i] = condition[c] ? x[a] : y[b];
    for (int d = kMaxSelectRank - 1; d >= 0 && ++index[d] == plan.extent[d]; --d) index[d] = 0;
  }
}

}  // namespace reference
}  // namespace tflm_host
