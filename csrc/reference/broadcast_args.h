// BROADCAST_ARGS math as TFLM's reference: the broadcast shape of two shape vectors, aligned
// at their last element (missing leading entries count as 1), written right to left into an
// output of its own static length. Values pass through int, as in TFLM.
#pragma once

#include <cstdint>

namespace tflm_host {
namespace reference {

// False when two entries differ and neither is 1 (TFLM aborts there).
template <typename T>
bool BroadcastArgs(const T* shape1, int64_t size1, const T* shape2, int64_t size2, T* output,
                   int64_t output_size) {
  for (int64_t back = 0; back < output_size; ++back) {
    const int a = back < size1 ? static_cast<int>(shape1[size1 - 1 - back]) : 1;
    const int b = back < size2 ? static_cast<int>(shape2[size2 - 1 - back]) : 1;
    if (a != 1 && b != 1 && a != b) return false;
    output[output_size - 1 - back] = a == 1 ? b : a;
  }
  return true;
}

}  // namespace reference
}  // namespace tflm_host
