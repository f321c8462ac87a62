// SUB: the arithmetic of ADD (reference/add.h) with the second term negated.
#pragma once

#include <algorithm>
#include <cstdint>

#include "reference/add.h"

namespace tflm_host {
namespace reference {

inline int32_t WrappingSub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}
inline float WrappingSub(float a, float b) { return a - b; }

template <typename T>
inline void SubQuantized(const BroadcastPlan& plan, const AddSubQuantParams& p, const T* in1,
                         const T* in2, T* out) {
  BroadcastBinary(plan, in1, in2, out,
                  [&p](T a, T b) { return QuantizedAddSub<true>(a, b, p); });
}

// float and int32: plain difference clamped to the activation range.
template <typename T>
inline void SubPlain(const BroadcastPlan& plan, T act_min, T act_max, const T* in1, const T* in2,
                     T* out) {
  BroadcastBinary(plan, in1, in2, out, [act_min, act_max](T a, T b) {
    return std::min(std::max(WrappingSub(a, b), act_min), act_max);
  });
}

}  // namespace reference
}  // namespace tflm_host
