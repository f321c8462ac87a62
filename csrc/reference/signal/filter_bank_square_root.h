// SignalFilterBankSquareRoot: sqrt of each uint64 channel, shifted down by the FFT scale.
#pragma once

#include <cstdint>

#include "reference/signal/bits.h"

namespace tflm_host {
namespace reference {
namespace signal {

inline void FilterBankSqrt(const uint64_t* input, int num_channels, int scale_down_bits,
                           uint32_t* output) {
  // A shift count is taken modulo 32 as x86 does (TFLM's C shift is undefined beyond 31).
  const int shift = scale_down_bits & 31;
  for (int i = 0; i < num_channels; ++i) output[i] = Sqrt64(input[i]) >> shift;
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
