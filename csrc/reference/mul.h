// MUL: float and int32 multiply directly; int8/int16 multiply the zero-point-corrected
// inputs in int32 and requantize the product with one multiplier (s1 * s2 / s_out).
#pragma once

#include <algorithm>
#include <cstdint>

#include "reference/broadcast.h"
#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

struct MulQuantParams {
  int32_t input1_offset, input2_offset;  // -zero points
  int32_t output_offset;                 // output zero point
  int32_t output_multiplier;
  int output_shift;
  int32_t act_min, act_max;
};

// int32 products wrap like TFLM's WrappingMul instead of being undefined.
inline int32_t WrappingMul(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b));
}
inline float WrappingMul(float a, float b) { return a * b; }

template <typename T>
inline void MulQuantized(const BroadcastPlan& plan, const MulQuantParams& p, const T* in1,
                         const T* in2, T* out) {
  BroadcastBinary(plan, in1, in2, out, [&p](T a, T b) {
    const int32_t product = WrappingMul(p.input1_offset + a, p.input2_offset + b);
    const int32_t value =
        p.output_offset + MultiplyByQuantizedMultiplier(product, p.output_multiplier,
                                                        p.output_shift);
    return static_cast<T>(std::min(p.act_max, std::max(p.act_min, value)));
  });
}

// float and int32: plain product clamped to the activation range.
template <typename T>
inline void MulPlain(const BroadcastPlan& plan, T act_min, T act_max, const T* in1, const T* in2,
                     T* out) {
  BroadcastBinary(plan, in1, in2, out, [act_min, act_max](T a, T b) {
    return std::min(std::max(WrappingMul(a, b), act_min), act_max);
  });
}

}  // namespace reference
}  // namespace tflm_host
