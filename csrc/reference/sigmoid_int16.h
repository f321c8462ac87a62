// int16 logistic and tanh as TFLM's reference integer kernels compute them: one 256-entry
// table of sigmoid(i / 24) in Q0.16, interpolated linearly, with tanh(x) = 2 sigmoid(2x) - 1.
// The input is rescaled by a multiplier and a right shift first; a zero multiplier means the
// input scale is a power of two and the shift is folded into the multiplier 3 << shift.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace tflm_host {
namespace reference {

// TFLM's table, generated: entry i samples sigmoid(i / 24) in Q0.16, raised by half the
// error that linear interpolation makes at the segment's midpoint (the interpolated table
// then errs equally at the ends and the middle); the last entry is pinned to 65535, the
// saturated value. Every rounding lies at least 0.004 from a tie, so libm's last-bit
// differences in exp cannot change an entry. tests/test_activation_quant_ops.py checks it
// against TFLM's literal table.
inline std::array<uint16_t, 256> MakeSigmoidTableQ16() {
  auto scaled_sigmoid = [](double x) { return 65536.0 / (1.0 + std::exp(-x)); };
  std::array<uint16_t, 256> table{};
  for (int i = 0; i < 255; ++i) {
    const double start = scaled_sigmoid(i / 24.0), end = scaled_sigmoid((i + 1) / 24.0);
    const double midpoint = scaled_sigmoid((i + 0.5) / 24.0);
    const double interpolation_error = midpoint - (start + end) / 2;
    table[i] = static_cast<uint16_t>(std::lround(start + interpolation_error / 2));
  }
  table[255] = 65535;
  return table;
}

// Built once when the module loads.
inline const std::array<uint16_t, 256> kSigmoidTableQ16 = MakeSigmoidTableQ16();

// Input rescaling shared by both functions: x * multiplier, rounded, shifted right.
struct SigmoidInt16Rescale {
  int32_t multiplier;
  int32_t right_shift;
  SigmoidInt16Rescale(int32_t input_multiplier, int32_t input_shift)
      : multiplier(input_multiplier == 0 ? 3 << input_shift : input_multiplier),
        right_shift(input_multiplier == 0 ? 0 : input_shift) {}
  int32_t operator()(int16_t x) const {
    const int32_t round = right_shift > 0 ? 1 << (right_shift - 1) : 0;
    return (x * multiplier + round) >> right_shift;
  }
};

// The table at |x| with `frac_bits` fractional bits per entry, interpolated linearly between
// entries (Q0.16 scaled by 2^frac_bits); `saturated` past the last entry.
inline uint32_t InterpolateSigmoidTable(uint32_t abs_x, int frac_bits, uint32_t saturated) {
  const uint32_t segment = abs_x >> frac_bits;
  if (segment >= 255) return saturated;
  const uint32_t a = kSigmoidTableQ16[segment], b = kSigmoidTableQ16[segment + 1];
  return (a << frac_bits) + (abs_x & ((1u << frac_bits) - 1)) * (b - a);
}

// Output is Q0.15 in [0, 1). 9 fractional bits index the table: 7 of the Q3.12 input after
// the 3/4 range scaling, plus 2 more for the factor 4 that scaling leaves.
inline void LogisticInt16(int32_t input_multiplier, int32_t input_shift, int64_t size,
                          const int16_t* input, int16_t* output) {
  const SigmoidInt16Rescale rescale(input_multiplier, input_shift);
  for (int64_t i = 0; i < size; ++i) {
    const int32_t x = rescale(input[i]);
    uint32_t result =
        InterpolateSigmoidTable(static_cast<uint32_t>(std::abs(x)), 9, 0x7FFFu << 10);
    result = x >= 0 ? result + (1u << 9) : (1u << 25) - result + (1u << 9) - 1;
    output[i] = static_cast<int16_t>(result >> 10);
  }
}

// Output is Q0.15 in (-1, 1): 2 sigmoid(2x) - 1, so one fractional bit fewer.
inline void TanhInt16(int32_t input_multiplier, int32_t input_shift, int64_t size,
                      const int16_t* input, int16_t* output) {
  const SigmoidInt16Rescale rescale(input_multiplier, input_shift);
  for (int64_t i = 0; i < size; ++i) {
    const int32_t x = rescale(input[i]);
    int32_t result = static_cast<int32_t>(
        InterpolateSigmoidTable(static_cast<uint32_t>(std::abs(x)), 8, 0xFFFFu << 8));
    result = x >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
    output[i] = static_cast<int16_t>(result >> 8);
  }
}

}  // namespace reference
}  // namespace tflm_host
