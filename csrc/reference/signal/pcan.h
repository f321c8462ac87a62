// SignalPCAN: per-channel energy normalisation. A gain looked up (piecewise quadratic
// interpolation in a 125-entry table) from the noise estimate scales each channel, then a
// "shrink" curve compresses the resulting SNR.
#pragma once

#include <cstdint>

#include "reference/signal/bits.h"

namespace tflm_host {
namespace reference {
namespace signal {

constexpr int kPcanSnrBits = 12;
constexpr int kPcanOutputBits = 6;
// Entries WideDynamicFunction may read: 4 * 32 - 6 + 3.
constexpr int kPcanGainLutSize = 125;

inline int16_t WideDynamicFunction(uint32_t x, const int16_t* lut) {
  if (x <= 2) return lut[x];
  const int interval = MostSignificantBit32(x);
  lut += 4 * interval - 6;
  const int16_t frac = static_cast<int16_t>(
      ((interval < 11) ? (x << (11 - interval)) : (x >> (interval - 11))) & 0x3FF);
  // int32 arithmetic that wraps like the C original.
  int32_t result = (static_cast<int32_t>(lut[2]) * frac) >> 5;
  const uint32_t linear = static_cast<uint32_t>(lut[1]) << 5;
  result = static_cast<int32_t>(static_cast<uint32_t>(result) + linear);
  result = static_cast<int32_t>(static_cast<uint32_t>(result) * static_cast<uint32_t>(frac));
  result = static_cast<int32_t>(static_cast<uint32_t>(result) + (1u << 14)) >> 15;
  result += lut[0];
  return static_cast<int16_t>(result);
}

// x^2 / 4 below 2, x - 1 above; kPcanSnrBits fractional bits in, kPcanOutputBits out.
inline uint32_t PcanShrink(uint32_t x) {
  if (x < (2u << kPcanSnrBits)) return (x * x) >> (2 + 2 * kPcanSnrBits - kPcanOutputBits);
  return (x >> (kPcanSnrBits - kPcanOutputBits)) - (1u << kPcanOutputBits);
}

// output holds the filterbank values on entry and the normalised ones on return.
inline void PcanAutoGainControl(const int16_t* gain_lut, int snr_shift,
                                const uint32_t* noise_estimate, uint32_t* output,
                                int num_channels) {
  for (int i = 0; i < num_channels; ++i) {
    // The int16 gain widens to uint32 with sign extension.
    const uint32_t gain = static_cast<uint32_t>(
        static_cast<int32_t>(WideDynamicFunction(noise_estimate[i], gain_lut)));
    const uint64_t product = static_cast<uint64_t>(output[i]) * gain;
    const uint32_t snr = static_cast<uint32_t>(product >> snr_shift);
    output[i] = PcanShrink(snr);
  }
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
