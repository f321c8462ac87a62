// Reductions over a set of axes (MEAN, SUM, REDUCE_MAX, REDUCE_MIN). Every reduction visits
// the input in increasing input order, combining each element into its output, as TFLM's
// Reduce does; that order fixes float rounding of sums.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

// Ranks a plan can walk (the odometer's index array).
constexpr int kMaxReducePlanRank = 8;

struct ReducePlan {
  std::vector<int32_t> dims;         // input shape
  std::vector<int64_t> out_strides;  // per input dimension: output stride, 0 where reduced
  int64_t num_inputs = 0;
  int64_t num_outputs = 0;
  int64_t reduced_count = 0;  // input elements combined into each output
};

// acc[o] = combine(acc[o], input[i]) for every input element i, in input order; `acc` must
// hold the reduction's initial values.
template <typename In, typename Acc, typename Combine>
inline void ReduceInInputOrder(const ReducePlan& plan, const In* input, Acc* acc,
                               Combine combine) {
  const int rank = static_cast<int>(plan.dims.size());
  int32_t index[kMaxReducePlanRank] = {0};
  int64_t out = 0;
  for (int64_t i = 0; i < plan.num_inputs; ++i) {
    acc[out] = combine(acc[out], input[i]);
    for (int d = rank - 1; d >= 0; --d) {  // odometer step, tracking the output offset
      if (++index[d] < plan.dims[d]) {
        out += plan.out_strides[d];
        break;
      }
      out -= plan.out_strides[d] * (plan.dims[d] - 1);
      index[d] = 0;
    }
  }
}

// sums[o] += input[i]; `sums` must start at 0.
template <typename In, typename Acc>
inline void SumReduce(const ReducePlan& plan, const In* input, Acc* sums) {
  ReduceInInputOrder(plan, input, sums,
                     [](Acc sum, In value) { return sum + static_cast<Acc>(value); });
}

// REDUCE_MAX / REDUCE_MIN: outputs start at the type's lowest / highest value (what an empty
// reduction leaves), and a strict comparison keeps the first of equal values.
template <typename T>
inline void ReduceMax(const ReducePlan& plan, const T* input, T* output) {
  std::fill(output, output + plan.num_outputs, std::numeric_limits<T>::lowest());
  ReduceInInputOrder(plan, input, output, [](T best, T value) { return value > best ? value : best; });
}

template <typename T>
inline void ReduceMin(const ReducePlan& plan, const T* input, T* output) {
  std::fill(output, output + plan.num_outputs, std::numeric_limits<T>::max());
  ReduceInInputOrder(plan, input, output, [](T best, T value) { return value < best ? value : best; });
}

inline void SumFloat(const ReducePlan& plan, const float* input, float* output) {
  std::fill(output, output + plan.num_outputs, 0.0f);
  SumReduce(plan, input, output);
}

struct ReduceQuantParams {
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier;  // input_scale / output_scale (MEAN folds in 1/count)
  int shift;
};

// Folds 1/count into a requantization multiplier the way TFLM's QuantizedMeanOrSum does:
// a left shift of floor(log2(count)) (at most 32, and keeping shift >= -31) before an
// integer division, trading a little precision for no overflow.
inline void FoldMeanDivisor(int64_t count, int32_t* multiplier, int* shift) {
  int log2 = 0;
  while ((count >> (log2 + 1)) != 0) ++log2;
  const int extra = std::min({log2, 32, 31 + *shift});
  *multiplier = static_cast<int32_t>((static_cast<int64_t>(*multiplier) << extra) / count);
  *shift -= extra;
}

// int8/int16 SUM (and MEAN, with 1/count in the multiplier): (sum - zero_point * count)
// requantized and clamped, as TFLM's QuantizedMeanOrSum; `sums` is scratch of num_outputs.
// An empty reduction leaves zeros.
template <typename T>
inline void SumQuantized(const ReducePlan& plan, const ReduceQuantParams& p, const T* input,
                         int32_t* sums, T* output) {
  std::fill(sums, sums + plan.num_outputs, 0);
  std::fill(output, output + plan.num_outputs, T(0));
  if (plan.reduced_count == 0 || plan.num_inputs == 0) return;
  SumReduce(plan, input, sums);
  const int64_t zero_point_sum = static_cast<int64_t>(p.input_zero_point) * plan.reduced_count;
  const int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
  for (int64_t o = 0; o < plan.num_outputs; ++o) {
    const int32_t centered = static_cast<int32_t>(sums[o] - zero_point_sum);
    const int32_t value =
        MultiplyByQuantizedMultiplier(centered, p.multiplier, p.shift) + p.output_zero_point;
    output[o] = static_cast<T>(std::min(hi, std::max(lo, value)));
  }
}

}  // namespace reference
}  // namespace tflm_host
