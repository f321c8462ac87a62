// SignalFilterBankSpectralSubtraction: a per-channel low-pass noise estimate (the op's state)
// subtracted from the signal, keeping at least min_signal_remaining of it.
#pragma once

#include <cstdint>

namespace tflm_host {
namespace reference {
namespace signal {

struct SpectralSubtractionConfig {
  int num_channels;
  uint32_t smoothing;
  uint32_t one_minus_smoothing;
  uint32_t alternate_smoothing;  // odd channels
  uint32_t alternate_one_minus_smoothing;
  uint32_t min_signal_remaining;
  int smoothing_bits;
  int spectral_subtraction_bits;
  bool clamping;  // pull the estimate down to the signal when the signal drops below it
};

inline void SpectralSubtraction(const SpectralSubtractionConfig& config, const uint32_t* input,
                                uint32_t* output, uint32_t* noise_estimate) {
  for (int i = 0; i < config.num_channels; ++i) {
    const bool odd = (i & 1) != 0;
    const uint32_t smoothing = odd ? config.alternate_smoothing : config.smoothing;
    const uint32_t one_minus = odd ? config.alternate_one_minus_smoothing
                                   : config.one_minus_smoothing;
    const uint32_t signal = input[i] << config.smoothing_bits;
    noise_estimate[i] = static_cast<uint32_t>(
        (static_cast<uint64_t>(signal) * smoothing +
         static_cast<uint64_t>(noise_estimate[i]) * one_minus) >>
        config.spectral_subtraction_bits);
    uint32_t estimate = noise_estimate[i];
    if (estimate > signal) {
      estimate = signal;
      if (config.clamping) noise_estimate[i] = estimate;
    }
    const uint32_t floor = static_cast<uint32_t>(
        (static_cast<uint64_t>(input[i]) * config.min_signal_remaining) >>
        config.spectral_subtraction_bits);
    const uint32_t subtracted = (signal - estimate) >> config.smoothing_bits;
    output[i] = subtracted > floor ? subtracted : floor;
  }
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
