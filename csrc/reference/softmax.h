// Softmax along the innermost dimension: out = exp(beta * (x - max)) / sum(...), row by row.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "reference/fixed_point.h"
#include "reference/int16_lut.h"

namespace tflm_host {
namespace reference {

inline void SoftmaxFloat(float beta, int64_t rows, int depth, const float* input,
                         float* output) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* in = input + r * depth;
    float* out = output + r * depth;
    float max = std::numeric_limits<float>::lowest();
    for (int c = 0; c < depth; ++c) max = std::max(max, in[c]);
    float sum = 0.0f;
    for (int c = 0; c < depth; ++c) {
      out[c] = std::exp((in[c] - max) * beta);
      sum += out[c];
    }
    for (int c = 0; c < depth; ++c) out[c] = out[c] / sum;
  }
}

struct SoftmaxQuantParams {
  int32_t input_multiplier;  // beta * input_scale in Q5.26 steps, as multiplier and shift
  int input_left_shift;
  int32_t diff_min;          // differences below this contribute exp() = 0
};

// Integer bits of the scaled differences (Q5.26) and of the sum of exponentials (Q12.19).
constexpr int kSoftmaxDiffIntegerBits = 5;
constexpr int kSoftmaxAccumIntegerBits = 12;

// int8 input; OutT int8 (zero point -128, scale 1/256) or int16 (zero point -32768, scale
// 1/65536). Returns false, leaving the row unfinished, when a row's sum of exponentials is
// too large for the output's precision (TFLM aborts there).
template <typename OutT>
inline bool SoftmaxInt8(const SoftmaxQuantParams& p, int64_t rows, int depth,
                        const int8_t* input, OutT* output) {
  using namespace fixed_point;
  auto scaled_exp = [&p](int32_t diff) {
    // diff >= diff_min guarantees diff * 2^left_shift stays inside int32.
    const int32_t scaled = SaturatingRoundingDoublingHighMul(
        ShiftLeftWrapping(diff, p.input_left_shift), p.input_multiplier);
    return ExpOnNegativeValues(scaled, kSoftmaxDiffIntegerBits);  // Q0.31
  };
  constexpr int32_t kOutMin = std::numeric_limits<OutT>::min();
  constexpr int32_t kOutMax = std::numeric_limits<OutT>::max();
  for (int64_t r = 0; r < rows; ++r) {
    const int8_t* in = input + r * depth;
    OutT* out = output + r * depth;
    int32_t max_in_row = std::numeric_limits<int8_t>::min();
    for (int c = 0; c < depth; ++c) max_in_row = std::max<int32_t>(max_in_row, in[c]);

    int32_t sum_of_exps = 0;  // Q12.19
    for (int c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= p.diff_min)
        sum_of_exps = Add(sum_of_exps, Rescale(scaled_exp(diff), 0, kSoftmaxAccumIntegerBits));
    }
    int num_bits_over_unit = 0;
    const int32_t scale = Reciprocal(sum_of_exps, kSoftmaxAccumIntegerBits, &num_bits_over_unit);
    const int exponent = num_bits_over_unit + 31 - static_cast<int>(sizeof(OutT) * 8);
    if (exponent < 0 || exponent > 31) return false;

    for (int c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      int32_t value = kOutMin;
      if (diff >= p.diff_min) {
        value = RoundingDivideByPOT(Mul(scale, scaled_exp(diff)), exponent) + kOutMin;
        value = std::min(std::max(value, kOutMin), kOutMax);
      }
      out[c] = static_cast<OutT>(value);
    }
  }
  return true;
}

struct SoftmaxInt16Params {
  int32_t input_multiplier;  // maps input differences onto the exp table's [-10, 0] range
  int input_shift;
  const int16_t* exp_lut;                  // exp(x) on [-10, 0]
  const int16_t* one_over_one_plus_x_lut;  // 1 / (1 + x) on [0, 1]
};

// int16 input (zero point 0) -> int16 output (scale 1/32768, zero point 0), through the two
// lookup tables. The output row holds the exponentials until they are normalized.
inline void SoftmaxInt16(const SoftmaxInt16Params& p, int64_t rows, int depth,
                         const int16_t* input, int16_t* output) {
  for (int64_t r = 0; r < rows; ++r) {
    const int16_t* in = input + r * depth;
    int16_t* out = output + r * depth;
    int32_t max_in_row = std::numeric_limits<int16_t>::min();
    for (int c = 0; c < depth; ++c) max_in_row = std::max<int32_t>(max_in_row, in[c]);

    int32_t sum_of_exps = 0;  // Q16.15
    for (int c = 0; c < depth; ++c) {
      const int32_t scaled_diff =
          MultiplyByQuantizedMultiplier(in[c] - max_in_row, p.input_multiplier, p.input_shift);
      // [-65535, 0] maps onto [-10, 0]; recentre it onto the table's int16 input range.
      const int32_t centred = std::min(std::max(scaled_diff + 32767, -32768), 32767);
      out[c] = LookupInt16Lut(static_cast<int16_t>(centred), p.exp_lut);
      sum_of_exps += out[c];
    }

    // 1 / sum through the 1/(1+x) table: normalize the sum into [1, 2), recentre x = sum - 1.
    const int headroom_plus_one = __builtin_clz(static_cast<uint32_t>(sum_of_exps));
    const int32_t shifted_sum = static_cast<int32_t>(
        ((static_cast<int64_t>(sum_of_exps) << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
    const int32_t x_centred =
        std::min(std::max(shifted_sum - ((1 << 15) + (1 << 16)), -32768), 32767);
    const int32_t reciprocal =
        LookupInt16Lut(static_cast<int16_t>(x_centred), p.one_over_one_plus_x_lut);  // Q0.15

    const int right_shift = 31 - headroom_plus_one;
    const int64_t round = static_cast<int64_t>(1) << (right_shift - 1);
    for (int c = 0; c < depth; ++c) {
      const int32_t result =
          static_cast<int32_t>((static_cast<int64_t>(out[c]) * reciprocal + round) >> right_shift);
      out[c] = static_cast<int16_t>(std::min(std::max(result, 0), 32767));
    }
  }
}

}  // namespace reference
}  // namespace tflm_host
