// Fixed-point exp, logistic and tanh on int32 raw values, with the algorithms (and so the
// exact rounding) of gemmlowp's fixed-point library that TFLM's int8 LOGISTIC and TANH use.
// A raw value with I integer bits is the real value raw / 2^(31 - I); results have 0 integer
// bits (Q0.31). Additions wrap like the int32 arithmetic of the targets TFLM runs on.
#pragma once

#include <cstdint>
#include <limits>

#include "reference/quantization.h"

namespace tflm_host {
namespace fixed_point {

constexpr int32_t kQ0One = std::numeric_limits<int32_t>::max();  // 1.0 saturated in Q0.31
constexpr int32_t kQ0Half = 1 << 30;
constexpr int32_t kQ2One = 1 << 29;

inline int32_t Add(int32_t a, int32_t b) { return AddWrapping(a, b); }
inline int32_t Sub(int32_t a, int32_t b) { return SubWrapping(a, b); }
inline int32_t Neg(int32_t a) { return Sub(0, a); }
// Fixed-point product: the integer bits of the operands add up.
inline int32_t Mul(int32_t a, int32_t b) { return SaturatingRoundingDoublingHighMul(a, b); }

// x * 2^exponent: saturating when exponent > 0, rounding to nearest when exponent < 0.
inline int32_t MulByPOT(int32_t x, int exponent) {
  if (exponent < 0) return RoundingDivideByPOT(x, -exponent);
  const int64_t shifted = static_cast<int64_t>(x) * (int64_t{1} << exponent);
  if (shifted > std::numeric_limits<int32_t>::max()) return std::numeric_limits<int32_t>::max();
  if (shifted < std::numeric_limits<int32_t>::min()) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(shifted);
}

// (a + b) / 2 rounded half away from zero.
inline int32_t RoundingHalfSum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + b;
  return static_cast<int32_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

// exp(a) for a in [-1/4, 0), Q0.31 in and out: a 4th-order Taylor expansion around -1/8.
inline int32_t ExpOnNegativeQuarter(int32_t a) {
  constexpr int32_t kExpMinusEighth = 1895147668;
  constexpr int32_t kOneThird = 715827883;
  const int32_t x = Add(a, 1 << 28);
  const int32_t x2 = Mul(x, x);
  const int32_t x3 = Mul(x2, x);
  const int32_t x4 = Mul(x2, x2);
  const int32_t x4_over_4 = MulByPOT(x4, -2);
  const int32_t poly = MulByPOT(Add(Mul(Add(x4_over_4, x3), kOneThird), x2), -1);
  return Add(kExpMinusEighth, Mul(kExpMinusEighth, Add(x, poly)));
}

// exp(a) for a <= 0 with kIntegerBits integer bits, Q0.31 result. The input splits into a part
// in [-1/4, 0) and a multiple of 1/4 whose bits select factors exp(-2^k).
template <int kIntegerBits>
int32_t ExpOnNegativeValues(int32_t a) {
  // Wider inputs would also need TFLM's clamp below -32; no caller uses them.
  static_assert(kIntegerBits >= 1 && kIntegerBits <= 5, "unsupported input format");
  constexpr int kFractionalBits = 31 - kIntegerBits;
  constexpr int32_t kOneQuarter = 1 << (kFractionalBits - 2);
  const int32_t a_mod_quarter_minus_quarter = Sub(a & (kOneQuarter - 1), kOneQuarter);
  int32_t result = ExpOnNegativeQuarter(MulByPOT(a_mod_quarter_minus_quarter, kIntegerBits));
  const int32_t remainder = Sub(a_mod_quarter_minus_quarter, a);

  struct Factor { int exponent; int32_t exp_minus_two_pow; };  // Q0.31 of exp(-2^exponent)
  constexpr Factor kFactors[] = {{-2, 1672461947}, {-1, 1302514674}, {0, 790015084},
                                 {1, 290630308},   {2, 39332535},    {3, 720401},
                                 {4, 242}};
  for (const Factor& f : kFactors) {
    if (kIntegerBits <= f.exponent) break;
    if (remainder & (int32_t{1} << (kFractionalBits + f.exponent)))
      result = Mul(result, f.exp_minus_two_pow);
  }
  return a == 0 ? kQ0One : result;
}

// Newton-Raphson reciprocal of half_denominator (Q0.31, in [1/2, 1)), Q2.29 result.
inline int32_t ReciprocalOfHalfDenominator(int32_t half_denominator) {
  constexpr int32_t k48Over17 = 1515870810;
  constexpr int32_t kMinus32Over17 = -1010580540;
  int32_t x = Add(k48Over17, Mul(half_denominator, kMinus32Over17));
  for (int i = 0; i < 3; ++i) {
    const int32_t one_minus_dx = Sub(kQ2One, Mul(half_denominator, x));
    x = Add(x, MulByPOT(Mul(x, one_minus_dx), 2));
  }
  return x;
}

// 1 / (1 + a) for a in (0, 1), Q0.31.
inline int32_t OneOverOnePlusX(int32_t a) {
  return MulByPOT(ReciprocalOfHalfDenominator(RoundingHalfSum(a, kQ0One)), 1);
}

// (1 - a) / (1 + a) for a in (0, 1), Q0.31.
inline int32_t OneMinusXOverOnePlusX(int32_t a) {
  return MulByPOT(Sub(ReciprocalOfHalfDenominator(RoundingHalfSum(a, kQ0One)), kQ2One), 2);
}

// 1 / (1 + exp(-a)), Q0.31 result.
template <int kIntegerBits>
int32_t Logistic(int32_t a) {
  if (a == 0) return kQ0Half;
  const int32_t abs_a = a > 0 ? a : Neg(a);
  const int32_t positive = OneOverOnePlusX(ExpOnNegativeValues<kIntegerBits>(Neg(abs_a)));
  return a > 0 ? positive : Sub(kQ0One, positive);
}

// tanh(a) = (1 - exp(-2|a|)) / (1 + exp(-2|a|)) with the sign of a, Q0.31 result.
template <int kIntegerBits>
int32_t Tanh(int32_t a) {
  if (a == 0) return 0;
  const int32_t minus_abs_a = a < 0 ? a : Neg(a);
  // Doubling is exact: the same raw value read with one more integer bit.
  const int32_t magnitude =
      OneMinusXOverOnePlusX(ExpOnNegativeValues<kIntegerBits + 1>(minus_abs_a));
  return a < 0 ? Neg(magnitude) : magnitude;
}

}  // namespace fixed_point
}  // namespace tflm_host
