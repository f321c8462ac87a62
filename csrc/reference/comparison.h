// Comparisons as TFLM's comparisons.h: plain values compare directly; quantized int8
// values are first brought to a common real scale (offset, 8 bits of headroom, times the
// input scale as a Q0.31 multiplier) and compared as int32.
#pragma once

#include <cstdint>

#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

struct ComparisonQuantParams {
  int left_shift;  // 8
  int32_t input1_offset, input2_offset;  // -zero points
  int32_t input1_multiplier, input2_multiplier;
  int input1_shift, input2_shift;
};

inline int32_t ScaleForComparison(int32_t value, int32_t offset, int left_shift,
                                  int32_t multiplier, int shift) {
  return MultiplyByQuantizedMultiplier(ShiftLeftWrapping(offset + value, left_shift), multiplier,
                                       shift);
}

// Wraps `compare` (on int32) so it takes two quantized values.
template <typename T, typename Compare>
struct QuantizedComparison {
  ComparisonQuantParams p;
  Compare compare;
  bool operator()(T a, T b) const {
    return compare(
        ScaleForComparison(a, p.input1_offset, p.left_shift, p.input1_multiplier, p.input1_shift),
        ScaleForComparison(b, p.input2_offset, p.left_shift, p.input2_multiplier, p.input2_shift));
  }
};

}  // namespace reference
}  // namespace tflm_host
