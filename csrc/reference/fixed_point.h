// 32-bit fixed-point math as gemmlowp's fixedpoint.h computes it (the arithmetic behind
// TFLM's quantized SOFTMAX, LOGISTIC and TANH). Values are raw int32 in a Qm.(31-m) format
// stated per function; a product of Qa and Qb values is a Q(a+b) value
// (SaturatingRoundingDoublingHighMul). Additions wrap like the targets' int32 arithmetic.
#pragma once

#include <cstdint>
#include <limits>

#include "reference/quantization.h"

namespace tflm_host {
namespace fixed_point {

constexpr int32_t kInt32Max = std::numeric_limits<int32_t>::max();  // also 1.0 saturated in Q0.31
constexpr int32_t kInt32Min = std::numeric_limits<int32_t>::min();
constexpr int32_t kQ0Half = 1 << 30;
constexpr int32_t kQ2One = 1 << 29;

inline int32_t Mul(int32_t a, int32_t b) { return SaturatingRoundingDoublingHighMul(a, b); }

inline int32_t Add(int32_t a, int32_t b) { return AddWrapping(a, b); }
inline int32_t Sub(int32_t a, int32_t b) { return SubWrapping(a, b); }
inline int32_t Neg(int32_t a) { return Sub(0, a); }

// x * 2^exponent: saturating for exponent > 0, rounding to nearest for exponent < 0.
inline int32_t SaturatingRoundingMultiplyByPOT(int32_t x, int exponent) {
  if (exponent < 0) return RoundingDivideByPOT(x, -exponent);
  if (exponent == 0) return x;
  const int32_t threshold = static_cast<int32_t>((1LL << (31 - exponent)) - 1);
  if (x > threshold) return kInt32Max;
  if (x < -threshold) return kInt32Min;
  return ShiftLeftWrapping(x, exponent);
}

// Converts a value from Q(src_bits) to Q(dst_bits).
inline int32_t Rescale(int32_t x, int src_bits, int dst_bits) {
  return SaturatingRoundingMultiplyByPOT(x, src_bits - dst_bits);
}

// (a + b) / 2 rounded half away from zero, without overflow.
inline int32_t RoundingHalfSum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + b;
  return static_cast<int32_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

// exp(a) for a in [-1/4, 0), Q0.31 in and out: Taylor expansion around -1/8.
inline int32_t ExpOnIntervalNegativeQuarterTo0(int32_t a) {
  const int32_t exp_minus_one_eighth = 1895147668;
  const int32_t one_third = 715827883;
  const int32_t x = Add(a, 1 << 28);  // x = a + 1/8
  const int32_t x2 = Mul(x, x);
  const int32_t x3 = Mul(x2, x);
  const int32_t x4 = Mul(x2, x2);
  const int32_t x4_over_4 = SaturatingRoundingMultiplyByPOT(x4, -2);
  const int32_t poly = SaturatingRoundingMultiplyByPOT(
      Add(Mul(Add(x4_over_4, x3), one_third), x2), -1);  // x^4/24 + x^3/6 + x^2/2
  return Add(exp_minus_one_eighth, Mul(exp_minus_one_eighth, Add(x, poly)));
}

// exp(a) for a <= 0 given in Q(integer_bits); result in Q0.31. The part of a below 1/4 goes
// through the polynomial, each higher bit multiplies by a constant exp(-2^k).
inline int32_t ExpOnNegativeValues(int32_t a, int integer_bits) {
  const int fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = 1 << (fractional_bits - 2);
  const int32_t a_mod_quarter_minus_quarter = Sub(a & (one_quarter - 1), one_quarter);
  int32_t result =
      ExpOnIntervalNegativeQuarterTo0(Rescale(a_mod_quarter_minus_quarter, integer_bits, 0));
  const int32_t remainder = Sub(a_mod_quarter_minus_quarter, a);

  struct Step { int exponent; int32_t multiplier; };  // multiplier = exp(-2^exponent), Q0.31
  static constexpr Step kSteps[] = {{-2, 1672461947}, {-1, 1302514674}, {0, 790015084},
                                     {1, 290630308},  {2, 39332535},    {3, 720401},
                                     {4, 242}};
  for (const Step& step : kSteps) {
    if (integer_bits <= step.exponent) continue;
    const int bit = fractional_bits + step.exponent;
    if (remainder & (static_cast<int32_t>(1) << bit)) result = Mul(result, step.multiplier);
  }
  if (integer_bits > 5) {  // below -32 the result is 0
    const int32_t minus_32 = -(1 << (36 - integer_bits));
    if (a < minus_32) result = 0;
  }
  return a == 0 ? kInt32Max : result;
}

// 1 / (1 + a) for a in [0, 1), Q0.31 in and out: Newton-Raphson on the half denominator.
inline int32_t OneOverOnePlusXForXIn01(int32_t a) {
  const int32_t half_denominator = RoundingHalfSum(a, kInt32Max);
  const int32_t c48_over_17 = 1515870810;       // Q2.29
  const int32_t c_neg32_over_17 = -1010580540;  // Q2.29
  const int32_t one_q2 = 1 << 29;
  int32_t x = Add(c48_over_17, Mul(half_denominator, c_neg32_over_17));  // Q2.29
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = Mul(half_denominator, x);  // Q2.29
    const int32_t one_minus = Sub(one_q2, half_denominator_times_x);   // Q2.29
    x = Add(x, Rescale(Mul(x, one_minus), 4, 2));
  }
  // x approximates 2 / (1 + a) in Q2.29: read it as Q1.30 (halving) and convert to Q0.31.
  return Rescale(x, 1, 0);
}

// TFLM's GetReciprocal: 1 / x for x in Q(integer_digits), as a Q0.31 scale and the number of
// bits by which x exceeds 1 (the caller shifts right by them).
inline int32_t Reciprocal(int32_t x, int integer_digits, int* num_bits_over_unit) {
  const uint32_t ux = static_cast<uint32_t>(x);
  const int headroom_plus_one = ux == 0 ? 32 : __builtin_clz(ux);
  *num_bits_over_unit = integer_digits - headroom_plus_one;
  const uint32_t normalized = headroom_plus_one < 32 ? ux << headroom_plus_one : 0;
  const int32_t shifted_minus_one = static_cast<int32_t>(normalized - (1u << 31));
  return OneOverOnePlusXForXIn01(shifted_minus_one);
}

// (1 - a) / (1 + a) for a in (0, 1), Q0.31 in and out (the same Newton-Raphson reciprocal).
inline int32_t OneMinusXOverOnePlusXForXIn01(int32_t a) {
  const int32_t half_denominator = RoundingHalfSum(a, kInt32Max);
  int32_t x = Add(1515870810, Mul(half_denominator, -1010580540));  // Q2.29, as above
  for (int i = 0; i < 3; ++i) {
    const int32_t one_minus = Sub(kQ2One, Mul(half_denominator, x));
    x = Add(x, Rescale(Mul(x, one_minus), 4, 2));
  }
  return Rescale(Sub(x, kQ2One), 2, 0);
}

// 1 / (1 + exp(-a)) for a in Q(integer_bits), Q0.31 result.
template <int kIntegerBits>
int32_t Logistic(int32_t a) {
  if (a == 0) return kQ0Half;
  const int32_t abs_a = a > 0 ? a : Neg(a);
  const int32_t positive = OneOverOnePlusXForXIn01(ExpOnNegativeValues(Neg(abs_a), kIntegerBits));
  return a > 0 ? positive : Sub(kInt32Max, positive);
}

// tanh(a) = (1 - exp(-2|a|)) / (1 + exp(-2|a|)) with the sign of a, Q0.31 result.
template <int kIntegerBits>
int32_t Tanh(int32_t a) {
  if (a == 0) return 0;
  const int32_t minus_abs_a = a < 0 ? a : Neg(a);
  // Doubling is exact: the same raw value read with one more integer bit.
  const int32_t magnitude =
      OneMinusXOverOnePlusXForXIn01(ExpOnNegativeValues(minus_abs_a, kIntegerBits + 1));
  return a < 0 ? Neg(magnitude) : magnitude;
}

}  // namespace fixed_point
}  // namespace tflm_host
