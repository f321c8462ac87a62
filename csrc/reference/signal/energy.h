// SignalEnergy: |X|^2 of int16 complex bins [start, end), as uint32. Bins outside the range
// are not written (TFLM leaves them as they were).
#pragma once

#include <cstdint>

#include "reference/signal/kiss_fft.h"

namespace tflm_host {
namespace reference {
namespace signal {

inline void SpectrumToEnergy(const Complex<int16_t>* input, int start, int end,
                             uint32_t* output) {
  for (int i = start; i < end; ++i) {
    const int32_t re = input[i].real, im = input[i].imag;
    // Two squares of -32768 sum to 2^31: wraps into uint32 exactly as TFLM's int32 sum.
    output[i] = static_cast<uint32_t>(re * re) + static_cast<uint32_t>(im * im);
  }
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
