// ARG_MAX / ARG_MIN: the index along one axis of the largest / smallest value. A strict
// comparison keeps the first of equal values (and skips NaNs after the first element), as
// TFLM's ArgMinMax does.
#pragma once

#include <cstdint>

namespace tflm_host {
namespace reference {

// The input viewed as [outer, axis_size, inner]; the output as [outer, inner].
struct ArgShape {
  int64_t outer = 1, axis_size = 1, inner = 1;
};

template <typename T, typename Out, bool kMax>
inline void ArgMinMax(const ArgShape& s, const T* input, Out* output) {
  for (int64_t o = 0; o < s.outer; ++o) {
    const T* slab = input + o * s.axis_size * s.inner;
    for (int64_t i = 0; i < s.inner; ++i) {
      T best = slab[i];
      Out best_index = 0;
      for (int64_t a = 1; a < s.axis_size; ++a) {
        const T value = slab[a * s.inner + i];
        if (kMax ? value > best : value < best) {
          best = value;
          best_index = static_cast<Out>(a);
        }
      }
      output[o * s.inner + i] = best_index;
    }
  }
}

}  // namespace reference
}  // namespace tflm_host
