// CUMSUM along one axis, forwards or in reverse, inclusive or exclusive, in TFLM's visiting
// order (which fixes float rounding).
#pragma once

#include <algorithm>
#include <cstdint>

#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

// The tensor viewed as [outer, depth, inner] with the scanned axis as depth.
struct CumSumShape {
  int64_t outer = 1, depth = 1, inner = 1;
  bool exclusive = false, reverse = false;
};

// Calls step(index) for each element of every scan line, in scan order.
template <typename Step, typename Start>
inline void ForEachScanLine(const CumSumShape& s, Start start, Step step) {
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int64_t i = 0; i < s.inner; ++i) {
      start();
      for (int64_t d = 0; d < s.depth; ++d) {
        const int64_t depth_index = s.reverse ? s.depth - 1 - d : d;
        step((o * s.depth + depth_index) * s.inner + i);
      }
    }
  }
}

inline void CumSumFloat(const CumSumShape& s, const float* input, float* output) {
  float acc = 0.0f;
  ForEachScanLine(s, [&] { acc = 0.0f; }, [&](int64_t k) {
    if (s.exclusive) {
      output[k] = acc;
      acc += input[k];
    } else {
      acc += input[k];
      output[k] = acc;
    }
  });
}

struct CumSumQuantParams {
  int32_t input_offset;  // -input zero point
  int32_t output_offset;
  int32_t input_multiplier, output_multiplier;  // both below one
  int input_shift, output_shift;
  int left_shift;
};

// int8: inputs rescaled to a common fixed-point scale (2^left_shift headroom, as ADD does),
// summed, and the running sum requantized. TFLM quirk: each scan line's sum starts at the
// rescaled input offset rather than 0, so outputs are shifted by -input_zero_point.
inline void CumSumInt8(const CumSumShape& s, const CumSumQuantParams& p, const int8_t* input,
                       int8_t* output) {
  auto rescale_input = [&](int32_t centered) {
    return MultiplyByQuantizedMultiplier(centered * (1 << p.left_shift), p.input_multiplier,
                                         p.input_shift);
  };
  auto emit = [&](int64_t k, int32_t sum) {
    const int32_t value =
        MultiplyByQuantizedMultiplier(sum, p.output_multiplier, p.output_shift) +
        p.output_offset;
    output[k] = static_cast<int8_t>(std::min<int32_t>(127, std::max<int32_t>(-128, value)));
  };
  int32_t acc = 0;
  ForEachScanLine(s, [&] { acc = rescale_input(p.input_offset); }, [&](int64_t k) {
    const int32_t scaled = rescale_input(p.input_offset + input[k]);
    if (s.exclusive) {
      emit(k, acc);
      acc += scaled;
    } else {
      acc += scaled;
      emit(k, acc);
    }
  });
}

}  // namespace reference
}  // namespace tflm_host
