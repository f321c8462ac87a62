// SignalFilterBank: triangular mel filters over a uint32 energy spectrum, accumulated in
// uint64. Each bin is weighted into one channel and "unweighted" (1 - weight) into the next,
// so channel i's sum starts from channel i-1's unweighted sum; channel 0 of `work` is scratch.
#pragma once

#include <cstdint>

namespace tflm_host {
namespace reference {
namespace signal {

struct FilterBankConfig {
  int num_channels;
  const int16_t* frequency_starts;  // num_channels + 1 entries each
  const int16_t* weight_starts;
  const int16_t* widths;
  const int16_t* weights;
  const int16_t* unweights;
};

// work: num_channels + 1 accumulators; work[1..num_channels] are the channels.
inline void FilterBankAccumulate(const FilterBankConfig& config, const uint32_t* input,
                                 uint64_t* work) {
  uint64_t weighted = 0, unweighted = 0;
  for (int i = 0; i < config.num_channels + 1; ++i) {
    const int freq_start = config.frequency_starts[i];
    const int weight_start = config.weight_starts[i];
    for (int j = 0; j < config.widths[i]; ++j) {
      const uint64_t energy = input[freq_start + j];
      // int16 weights widen to uint64 with sign extension, as in TFLM.
      const auto weight = static_cast<uint64_t>(int64_t{config.weights[weight_start + j]});
      const auto unweight = static_cast<uint64_t>(int64_t{config.unweights[weight_start + j]});
      weighted += weight * energy;
      unweighted += unweight * energy;
    }
    work[i] = weighted;
    weighted = unweighted;
    unweighted = 0;
  }
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
