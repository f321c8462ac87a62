// TFLM's GetInvSqrtQuantizedMultiplierExp: 1 / sqrt(x) of a positive int32 as a Q0.31
// multiplier and a power-of-two shift, by five Newton-Raphson steps in Q3.28 (the integer
// L2_NORMALIZATION and RSQRT use it).
#pragma once

#include <cstdint>
#include <limits>

#include "reference/fixed_point.h"

namespace tflm_host {
namespace reference {

// Multiplier and left shift (TFLM's kReverseShift convention) with
// x^-1/2 ~= multiplier * 2^(shift - 31).
inline void InvSqrtQuantizedMultiplier(int32_t input, int32_t* multiplier, int* shift) {
  using namespace fixed_point;
  if (input <= 1) {  // 1 exactly, and 0 treated as 1 (TFLM avoids the overflow this way)
    *multiplier = kInt32Max;
    *shift = 0;
    return;
  }
  int right_shift = 11;
  while (input >= (1 << 29)) {
    input /= 4;
    ++right_shift;
  }
  // Normalize into [2^27, 2^29) by whole bit pairs so the square root stays exact.
  const int max_left_shift_bits = __builtin_clz(static_cast<uint32_t>(input)) - 1;
  const int left_shift_bit_pairs = max_left_shift_bits / 2 - 1;
  right_shift -= left_shift_bit_pairs;
  input <<= 2 * left_shift_bit_pairs;

  constexpr int32_t kOneQ3 = 1 << 28;
  constexpr int32_t kThreeHalvesQ3 = (1 << 28) + (1 << 27);
  constexpr int32_t kHalfSqrt2Q0 = 1518500250;
  const int32_t half_input = SaturatingRoundingMultiplyByPOT(input >> 1, -1);  // Q3.28
  int32_t x = kOneQ3;
  for (int i = 0; i < 5; ++i) {
    const int32_t x3 = Rescale(Mul(Mul(x, x), x), 9, 3);
    x = Rescale(Sub(Mul(kThreeHalvesQ3, x), Mul(half_input, x3)), 6, 3);
  }
  x = Mul(x, kHalfSqrt2Q0);
  if (right_shift < 0) {
    x = ShiftLeftWrapping(x, -right_shift);
    right_shift = 0;
  }
  *multiplier = x;
  *shift = -right_shift;
}

}  // namespace reference
}  // namespace tflm_host
