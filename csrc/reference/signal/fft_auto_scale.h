// SignalFftAutoScale: shifts an int16 frame left as far as its largest magnitude allows,
// returning the shift (the FFT's headroom, undone later by FilterBankSquareRoot).
#pragma once

#include <cstdint>

#include "reference/signal/bits.h"

namespace tflm_host {
namespace reference {
namespace signal {

// Largest |x| as TFLM's MaxAbs16 computes it: -(-32768) wraps to -32768 in the int16 result.
inline int16_t MaxAbs16(const int16_t* input, int size) {
  int16_t max = 0;
  for (int i = 0; i < size; ++i) {
    const int16_t value = input[i];
    if (value > max) {
      max = value;
    } else if (-value > max) {
      max = static_cast<int16_t>(-value);
    }
  }
  return max;
}

inline int32_t FftAutoScale(const int16_t* input, int size, int16_t* output) {
  const int16_t max = MaxAbs16(input, size);
  // The int16 max converts to uint32 with sign extension, as in TFLM.
  int scale_bits = 16 - MostSignificantBit32(static_cast<uint32_t>(static_cast<int32_t>(max))) - 1;
  if (scale_bits < 0) scale_bits = 0;
  for (int i = 0; i < size; ++i) output[i] = static_cast<int16_t>(input[i] * (1 << scale_bits));
  return scale_bits;
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
