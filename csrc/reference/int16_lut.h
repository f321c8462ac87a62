// TFLM's interpolated int16 lookup tables (gen_lut / LUTLookup): 512 segments over the input
// range plus one end point; a lookup interpolates linearly inside the segment.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tflm_host {
namespace reference {

constexpr int kInt16LutSize = 513;

// Samples func on [input_min, input_max] into `lut` (kInt16LutSize entries), scaled so that
// [output_min, output_max] spans the int16 range. Each entry is biased by half the error of
// linear interpolation at the segment's midpoint. Float arithmetic, in TFLM's order.
template <typename Func>
inline void GenerateInt16Lut(Func func, float input_min, float input_max, float output_min,
                             float output_max, int16_t* lut) {
  constexpr int kSteps = kInt16LutSize - 1;
  const float step = (input_max - input_min) / kSteps;
  const float half_step = step / 2;
  const float scaling = 65536.0f / (output_max - output_min);
  auto saturate = [](float v) {
    return static_cast<int16_t>(std::min(std::max(v, -32768.0f), 32767.0f));
  };
  for (int i = 0; i < kSteps; ++i) {
    const float value = func(input_min + i * step);
    const float value_midpoint = func(input_min + i * step + half_step);
    const float value_next = func(input_min + (i + 1) * step);
    const float sample = std::round(value * scaling);
    const float midpoint_interpolated =
        std::round((value_next * scaling + std::round(value * scaling)) / 2);
    const float midpoint = std::round(value_midpoint * scaling);
    const float bias = std::round((midpoint_interpolated - midpoint) / 2);
    lut[i] = saturate(sample - bias);
  }
  lut[kSteps] = saturate(std::round(func(input_max) * scaling));
}

// The top 9 bits of `value` pick the segment, the low 7 bits interpolate within it.
inline int16_t LookupInt16Lut(int16_t value, const int16_t* lut) {
  const int index = 256 + (value >> 7);
  const int offset = value & 0x7f;
  const int base = lut[index];
  const int16_t slope = static_cast<int16_t>(lut[index + 1] - lut[index]);
  return static_cast<int16_t>(base + ((slope * offset + 64) >> 7));
}

}  // namespace reference
}  // namespace tflm_host
