// SignalFilterBankLog: natural log of each uint32 channel in fixed point, scaled by
// output_scale / 2^16 and saturated to int16 (signal/src/log.cc, filter_bank_log.cc).
#pragma once

#include <cstdint>

#include "reference/signal/bits.h"

namespace tflm_host {
namespace reference {
namespace signal {

// log2(1 + f) - f for f in [0, 1] at 128 segments (plus padding), scaled by 2^16: the
// correction table of TFLM's Log32 (the same as the TF micro frontend's kLogLut).
inline constexpr uint16_t kLogCorrection[130] = {
    0,    224,  442,  654,  861,  1063, 1259, 1450, 1636, 1817, 1992, 2163, 2329, 2490,
    2646, 2797, 2944, 3087, 3224, 3358, 3487, 3611, 3732, 3848, 3960, 4068, 4172, 4272,
    4368, 4460, 4549, 4633, 4714, 4791, 4864, 4934, 5001, 5063, 5123, 5178, 5231, 5280,
    5326, 5368, 5408, 5444, 5477, 5507, 5533, 5557, 5578, 5595, 5610, 5622, 5631, 5637,
    5640, 5641, 5638, 5633, 5626, 5615, 5602, 5586, 5568, 5547, 5524, 5498, 5470, 5439,
    5406, 5370, 5332, 5291, 5249, 5203, 5156, 5106, 5054, 5000, 4944, 4885, 4825, 4762,
    4697, 4630, 4561, 4490, 4416, 4341, 4264, 4184, 4103, 4020, 3935, 3848, 3759, 3668,
    3575, 3481, 3384, 3286, 3186, 3084, 2981, 2875, 2768, 2659, 2549, 2437, 2323, 2207,
    2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224, 1094, 963,  830,  695,  559,  421,
    282,  142,  0,    0};

constexpr int kLogSegmentsLog2 = 7;
constexpr int kLogScaleLog2 = 16;
constexpr uint32_t kLogScale = 1u << kLogScaleLog2;
constexpr uint32_t kLogCoefficient = 45426;  // ln(2) * 2^16

// The fractional part of log2(x) in Q16, given the integer part.
inline uint32_t Log2Fraction(uint32_t x, uint32_t log2x) {
  int32_t frac = static_cast<int32_t>(static_cast<int64_t>(x) - (int64_t{1} << log2x));
  if (log2x < kLogScaleLog2) {
    frac = static_cast<int32_t>(static_cast<uint32_t>(frac) << (kLogScaleLog2 - log2x));
  } else {
    frac >>= log2x - kLogScaleLog2;
  }
  const uint32_t segment = static_cast<uint32_t>(frac) >> (kLogScaleLog2 - kLogSegmentsLog2);
  const uint32_t segment_unit = kLogScale >> kLogSegmentsLog2;
  const int32_t c0 = kLogCorrection[segment];
  const int32_t c1 = kLogCorrection[segment + 1];
  const int32_t segment_base = static_cast<int32_t>(segment_unit * segment);
  const int32_t relative = ((c1 - c0) * (frac - segment_base)) >> kLogScaleLog2;
  return static_cast<uint32_t>(frac + c0 + relative);
}

// ln(x) * out_scale in Q16 rounding; x must be above 1.
inline uint32_t Log32(uint32_t x, uint32_t out_scale) {
  const uint32_t integer = static_cast<uint32_t>(MostSignificantBit32(x)) - 1;
  const uint32_t log2 = (integer << kLogScaleLog2) + Log2Fraction(x, integer);
  const uint32_t round = kLogScale / 2;
  const uint64_t loge_wide = uint64_t{kLogCoefficient} * log2 + round;
  const uint32_t loge = static_cast<uint32_t>(loge_wide >> kLogScaleLog2);
  return (out_scale * loge + round) >> kLogScaleLog2;
}

inline void FilterBankLog(const uint32_t* input, int num_channels, int32_t output_scale,
                          int correction_bits, int16_t* output) {
  for (int i = 0; i < num_channels; ++i) {
    const uint32_t scaled = input[i] << correction_bits;
    if (scaled > 1) {
      const uint32_t value = Log32(scaled, static_cast<uint32_t>(output_scale));
      output[i] = static_cast<int16_t>(value < INT16_MAX ? value : INT16_MAX);
    } else {
      output[i] = 0;
    }
  }
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
