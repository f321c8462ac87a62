// LOG_SOFTMAX over the last dimension, as TFLM's log_softmax.h: float directly; int8 in
// gemmlowp-style fixed point (differences from the row max in Q5.26, exps summed in Q12.19,
// the log of the sum in Q5.26), output scale 16/256 and zero point 127.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "reference/fixed_point.h"

namespace tflm_host {
namespace reference {

inline void LogSoftmaxFloat(int64_t rows, int64_t depth, const float* input, float* output) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* in = input + r * depth;
    float* out = output + r * depth;
    float max = std::numeric_limits<float>::lowest();
    for (int64_t c = 0; c < depth; ++c) max = std::max(max, in[c]);
    float sum = 0.0f;
    for (int64_t c = 0; c < depth; ++c) sum += std::exp(in[c] - max);
    const float log_sum = std::log(sum);
    for (int64_t c = 0; c < depth; ++c) out[c] = in[c] - max - log_sum;
  }
}

inline int32_t SaturatingAddInt32(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + b;
  return static_cast<int32_t>(std::min<int64_t>(fixed_point::kInt32Max,
                                                std::max<int64_t>(fixed_point::kInt32Min, sum)));
}

// gemmlowp's log_x_for_x_greater_than_or_equal_to_1: log(x) for x (>= 1) in
// Q(input_bits), result in Q(output_bits). x is split into 2^k * r with r near 1, and
// log(r) comes from a rational approximation around sqrt(sqrt(1/2)).
inline int32_t LogOfAtLeastOne(int32_t x, int input_bits, int output_bits) {
  using namespace fixed_point;
  const int accum_bits = output_bits + 1;  // headroom for the sum of the two terms
  constexpr int32_t kLog2 = 1488522236;          // Q0.31 constants
  constexpr int32_t kSqrtSqrtHalf = 1805811301;
  constexpr int32_t kSqrtHalf = 1518500250;
  constexpr int32_t kQuarter = 536870912;
  constexpr int32_t kAlphaN = 117049297;
  constexpr int32_t kAlphaD = 127690142;
  constexpr int32_t kAlphaI = 1057819769;
  constexpr int32_t kAlphaF = 638450708;
  const int32_t shifted_quarter = Rescale(kQuarter, 0, accum_bits);

  const auto leading_zeros = [](int32_t v) {
    return v == 0 ? 32 : __builtin_clz(static_cast<uint32_t>(v));
  };
  // Two normalizations, of x and of x * sqrt(1/2); the one giving the smaller r wins.
  const int a_headroom_plus_1 = leading_zeros(x);
  const int32_t r_a = SaturatingRoundingMultiplyByPOT(
      Mul(SaturatingRoundingMultiplyByPOT(x, a_headroom_plus_1 - 1), kSqrtHalf), 1);
  const int32_t a_pow2 = SaturatingAddInt32(
      SaturatingRoundingMultiplyByPOT(input_bits - a_headroom_plus_1, 31 - accum_bits),
      shifted_quarter);
  const int b_headroom = leading_zeros(Mul(x, kSqrtHalf)) - 1;
  const int32_t r_b = SaturatingRoundingMultiplyByPOT(x, b_headroom);
  const int32_t b_pow2 = SaturatingAddInt32(
      SaturatingRoundingMultiplyByPOT(input_bits - b_headroom, 31 - accum_bits),
      -shifted_quarter);
  const int32_t r = std::min(r_a, r_b);
  const int32_t pow2 = std::max(a_pow2, b_pow2);

  const int32_t p = RoundingHalfSum(r, kSqrtSqrtHalf);
  int32_t q = Sub(r, kSqrtSqrtHalf);
  q = Add(q, q);
  const int32_t q_squared = Mul(q, q);
  const int32_t num = Add(Mul(q, r), Mul(Mul(q, q_squared), kAlphaN));
  const int32_t denom_minus_one =
      Add(Mul(p, Add(Add(kAlphaI, q), Mul(kAlphaD, q_squared))), Mul(kAlphaF, q));
  const int32_t recip_denom = OneOverOnePlusXForXIn01(denom_minus_one);
  const int32_t num_scaled = Rescale(num, 0, accum_bits);
  return Rescale(Add(Mul(pow2, kLog2), Mul(num_scaled, recip_denom)), accum_bits, output_bits);
}

struct LogSoftmaxQuantParams {
  int32_t input_multiplier;  // beta * input scale in Q5.26 steps
  int input_left_shift;
  int32_t reverse_scaling_divisor;  // the inverse, to map Q5.26 back to input steps
  int reverse_scaling_shift;        // <= 0
  int32_t diff_min;                 // differences below this contribute nothing
};

inline void LogSoftmaxInt8(const LogSoftmaxQuantParams& p, int64_t rows, int64_t depth,
                           const int8_t* input, int8_t* output) {
  constexpr int kInputBits = 5, kAccumBits = 12, kOutputBits = 4;
  for (int64_t r = 0; r < rows; ++r) {
    const int8_t* in = input + r * depth;
    int8_t* out = output + r * depth;
    int8_t max = std::numeric_limits<int8_t>::min();
    for (int64_t c = 0; c < depth; ++c) max = std::max(max, in[c]);

    int32_t sum_of_exps = 0;  // Q12.19
    for (int64_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max;
      if (diff >= p.diff_min) {
        const int32_t diff_q5 =
            MultiplyByQuantizedMultiplier(diff, p.input_multiplier, p.input_left_shift);
        sum_of_exps = fixed_point::Add(
            sum_of_exps,
            fixed_point::Rescale(fixed_point::ExpOnNegativeValues(diff_q5, kInputBits), 0,
                                 kAccumBits));
      }
    }
    const int32_t log_sum_q5 = LogOfAtLeastOne(sum_of_exps, kAccumBits, kInputBits);
    // Differences whose output would fall below the Q5.26 range saturate to -128 directly.
    const int32_t shifted_log_sum = fixed_point::Add(log_sum_q5, fixed_point::kInt32Min);
    const int32_t adjusted_diff_min =
        std::max(p.diff_min - 1, MultiplyByQuantizedMultiplier(shifted_log_sum,
                                                               p.reverse_scaling_divisor,
                                                               p.reverse_scaling_shift));
    for (int64_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max;
      if (diff > adjusted_diff_min) {  // '>' here where the sum used '>='
        const int32_t diff_q5 =
            MultiplyByQuantizedMultiplier(diff, p.input_multiplier, p.input_left_shift);
        const int32_t value =
            RoundingDivideByPOT(diff_q5 - log_sum_q5, 31 - kInputBits - kOutputBits) + 127;
        out[c] = static_cast<int8_t>(std::max(-128, std::min(127, value)));
      } else {
        out[c] = -128;
      }
    }
  }
}

}  // namespace reference
}  // namespace tflm_host
