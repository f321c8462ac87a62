// Fixed-point requantization exactly as TFLM's reference kernels do it (the default
// double-rounding path: saturating rounding doubling high multiply, then a rounding right
// shift), plus the helpers that derive multipliers and activation ranges in Prepare.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/options.h"
#include "core/tensor.h"

namespace tflm_host {

// Splits a positive real multiplier into a Q31 significand and a power-of-two exponent.
inline void QuantizeMultiplier(double multiplier, int32_t* quantized, int* shift) {
  if (multiplier == 0.0) {
    *quantized = 0;
    *shift = 0;
    return;
  }
  const double q = std::frexp(multiplier, shift);
  int64_t q_fixed = static_cast<int64_t>(std::round(q * (1LL << 31)));
  if (q_fixed == (1LL << 31)) {
    q_fixed /= 2;
    ++*shift;
  }
  if (*shift < -31) {  // everything would shift out: flush to zero as TFLM does
    *shift = 0;
    q_fixed = 0;
  }
  *quantized = static_cast<int32_t>(q_fixed);
}

inline int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  const bool overflow = a == b && a == std::numeric_limits<int32_t>::min();
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
  const int32_t high = static_cast<int32_t>((ab + nudge) / (1LL << 31));
  return overflow ? std::numeric_limits<int32_t>::max() : high;
}

inline int32_t RoundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((1LL << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * 2^left_shift wraps like TFLM's int32 arithmetic on two's-complement targets.
inline int32_t ShiftLeftWrapping(int32_t x, int left_shift) {
  return static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift);
}

// a + b and a - b wrapping like int32 arithmetic on two's-complement targets.
inline int32_t AddWrapping(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline int32_t SubWrapping(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}

inline int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return RoundingDivideByPOT(
      SaturatingRoundingDoublingHighMul(ShiftLeftWrapping(x, left_shift), multiplier),
      right_shift);
}

// The 64-bit accumulator variant used by the 16x8 kernels (int64 bias).
inline int32_t MultiplyByQuantizedMultiplier(int64_t x, int32_t multiplier, int shift) {
  const int32_t reduced =
      multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
  const int64_t total_shift = 15 - shift;
  const int64_t round = static_cast<int64_t>(1) << (total_shift - 1);
  const int64_t result = (x * static_cast<int64_t>(reduced) + round) >> total_shift;
  return static_cast<int32_t>(result);
}

// TFLM's CheckedLog2: the base-2 logarithm of x rounded to an integer (computed in float as
// TFLM does), and whether x is within 1e-3 (in the exponent) of that power of two.
inline bool CheckedLog2(float x, int* log2_rounded) {
  const float log2 = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(log2);
  *log2_rounded = static_cast<int>(rounded);
  return std::abs(log2 - rounded) < 1e-3f;
}

// TfLiteRound: rounds half away from zero.
inline float RoundHalfAway(float x) { return std::round(x); }

// The quantized clamp range of a fused activation (CalculateActivationRangeQuantized).
inline void QuantizedActivationRange(Activation activation, const Tensor& output, int32_t* act_min,
                                     int32_t* act_max) {
  int32_t qmin = 0, qmax = 0;
  switch (output.type) {
    case DType::kInt8: qmin = -128; qmax = 127; break;
    case DType::kUInt8: qmin = 0; qmax = 255; break;
    case DType::kInt16: qmin = -32768; qmax = 32767; break;
    default: qmin = std::numeric_limits<int32_t>::min(); qmax = std::numeric_limits<int32_t>::max();
  }
  const float scale = output.scale();
  const int32_t zero_point = output.zero_point();
  auto quantize = [&](float f) {
    return zero_point + static_cast<int32_t>(RoundHalfAway(f / scale));
  };
  *act_min = qmin;
  *act_max = qmax;
  if (activation == Activation::kRelu) {
    *act_min = std::max(qmin, quantize(0.0f));
  } else if (activation == Activation::kRelu6) {
    *act_min = std::max(qmin, quantize(0.0f));
    *act_max = std::min(qmax, quantize(6.0f));
  } else if (activation == Activation::kReluN1To1) {
    *act_min = std::max(qmin, quantize(-1.0f));
    *act_max = std::min(qmax, quantize(1.0f));
  }
}

// The float clamp range of a fused activation (CalculateActivationRange).
inline void FloatActivationRange(Activation activation, float* act_min, float* act_max) {
  *act_min = std::numeric_limits<float>::lowest();
  *act_max = std::numeric_limits<float>::max();
  if (activation == Activation::kRelu) {
    *act_min = 0.0f;
  } else if (activation == Activation::kRelu6) {
    *act_min = 0.0f;
    *act_max = 6.0f;
  } else if (activation == Activation::kReluN1To1) {
    *act_min = -1.0f;
    *act_max = 1.0f;
  }
}

inline float ActivationWithMinMax(float x, float act_min, float act_max) {
  return std::min(std::max(x, act_min), act_max);
}

}  // namespace tflm_host
