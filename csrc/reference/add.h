// ADD and SUB (kSubtract: the second term negated): float and int32 add directly; int8/int16
// rescale both inputs to a common fixed-point scale with `left_shift` bits of headroom, add,
// and requantize to the output, as TFLM's reference integer add and sub do.
#pragma once

#include <algorithm>
#include <cstdint>

#include "reference/broadcast.h"
#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

struct AddSubQuantParams {
  int left_shift;  // 20 for int8, 15 for int16
  int32_t input1_offset, input2_offset;  // -zero points
  int32_t output_offset;                 // output zero point
  int32_t input1_multiplier, input2_multiplier, output_multiplier;
  int input1_shift, input2_shift, output_shift;  // all <= 0
  int32_t act_min, act_max;
};

// One input brought to the common scale of the sum (input_scale / (2 * max_scale)).
inline int32_t ScaleAddend(int32_t value, int32_t offset, int left_shift, int32_t multiplier,
                           int shift) {
  return MultiplyByQuantizedMultiplier(ShiftLeftWrapping(offset + value, left_shift), multiplier,
                                       shift);
}

// kSubtract selects SUB, which differs from ADD only in the sign of the second term.
template <bool kSubtract, typename T>
inline T QuantizedAddSub(T a, T b, const AddSubQuantParams& p) {
  const int32_t x = ScaleAddend(a, p.input1_offset, p.left_shift, p.input1_multiplier,
                                p.input1_shift);
  const int32_t y = ScaleAddend(b, p.input2_offset, p.left_shift, p.input2_multiplier,
                                p.input2_shift);
  const int32_t raw = kSubtract ? x - y : x + y;
  const int32_t out =
      MultiplyByQuantizedMultiplier(raw, p.output_multiplier, p.output_shift) + p.output_offset;
  return static_cast<T>(std::min(p.act_max, std::max(p.act_min, out)));
}

// int32 arithmetic wraps like TFLM's on two's-complement targets instead of being undefined.
inline int32_t WrappingAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline float WrappingAdd(float a, float b) { return a + b; }
inline int32_t WrappingSub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}
inline float WrappingSub(float a, float b) { return a - b; }

template <bool kSubtract, typename T>
inline void AddSubQuantized(const BroadcastPlan& plan, const AddSubQuantParams& p, const T* in1,
                            const T* in2, T* out) {
  BroadcastBinary(plan, in1, in2, out,
                  [&p](T a, T b) { return QuantizedAddSub<kSubtract>(a, b, p); });
}

// float and int32: plain sum (difference) clamped to the activation range.
template <bool kSubtract, typename T>
inline void AddSubPlain(const BroadcastPlan& plan, T act_min, T act_max, const T* in1,
                        const T* in2, T* out) {
  BroadcastBinary(plan, in1, in2, out, [act_min, act_max](T a, T b) {
    const T value = kSubtract ? WrappingSub(a, b) : WrappingAdd(a, b);
    return std::min(std::max(value, act_min), act_max);
  });
}

}  // namespace reference
}  // namespace tflm_host
