// SVDF (singular value decomposition filter) as TFLM's svdf_common.cc computes it. The state
// holds, per batch and filter, the last `memory` feature activations, oldest first. Each
// invoke shifts the whole state one element left, writes the new feature activations
// (weights_feature x input) into each filter's newest slot, dots every filter's memory with
// its time weights, sums `rank` filters per unit, adds the bias and activates/requantizes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>

#include "reference/add.h"  // WrappingAdd
#include "reference/quantization.h"

namespace tflm_host {
namespace reference {

struct SvdfShape {
  int batch, input_size, num_filters, num_units, rank, memory;
};

// Drops the oldest entry: the state moves one element left as one flat buffer (each filter's
// newest slot is overwritten right after, so only rows matter).
template <typename T>
inline void ShiftSvdfState(const SvdfShape& s, T* state) {
  const int64_t count = static_cast<int64_t>(s.batch) * s.num_filters * s.memory;
  if (count > 1) std::memmove(state, state + 1, (count - 1) * sizeof(T));
}

// Each filter's newest state slot = finish(weights_feature row . (input - input_offset)).
template <typename In, typename State, typename Offset, typename Finish>
inline void WriteFeatureActivations(const SvdfShape& s, const In* input, const In* weights_feature,
                                    Offset input_offset, State* state, const Finish& finish) {
  using Acc = decltype(In{} * Offset{});
  for (int b = 0; b < s.batch; ++b) {
    const In* weights = weights_feature;
    State* newest = state + static_cast<int64_t>(b) * s.num_filters * s.memory + (s.memory - 1);
    for (int f = 0; f < s.num_filters; ++f) {
      const In* x = input + static_cast<int64_t>(b) * s.input_size;
      Acc dot = 0;
      for (int i = 0; i < s.input_size; ++i) dot += *weights++ * (*x++ - input_offset);
      *newest = finish(dot);
      newest += s.memory;
    }
  }
}

// out[b, u] = bias[u] + sum over the unit's `rank` filters of its memory dotted with its
// time weights; `filter_sums` is batch * num_filters scratch.
template <typename Acc, typename T, typename Offset>
inline void SvdfTimeAndReduce(const SvdfShape& s, const T* weights_time, const T* state,
                              Offset state_offset, const Acc* bias, Acc* filter_sums, Acc* out) {
  for (int b = 0; b < s.batch; ++b) {
    const T* memory = state + static_cast<int64_t>(b) * s.num_filters * s.memory;
    const T* weights = weights_time;
    for (int f = 0; f < s.num_filters; ++f) {
      Acc sum = 0;
      for (int m = 0; m < s.memory; ++m)
        sum = WrappingAdd(sum, static_cast<Acc>(*weights++ * (*memory++ - state_offset)));
      filter_sums[b * s.num_filters + f] = sum;
    }
  }
  for (int b = 0; b < s.batch; ++b) {
    const Acc* sums = filter_sums + b * s.num_filters;
    for (int u = 0; u < s.num_units; ++u) {
      Acc total = bias ? bias[u] : 0;
      for (int r = 0; r < s.rank; ++r) total = WrappingAdd(total, *sums++);
      out[b * s.num_units + u] = total;
    }
  }
}

// Float SVDF; `activate` is the fused activation (TFLM's ActivationValFloat).
template <typename Activate>
inline void SvdfFloat(const SvdfShape& s, const float* input, const float* weights_feature,
                      const float* weights_time, const float* bias, float* state,
                      float* filter_sums, float* output, const Activate& activate) {
  ShiftSvdfState(s, state);
  WriteFeatureActivations(s, input, weights_feature, 0.0f, state, [](float dot) { return dot; });
  SvdfTimeAndReduce<float>(s, weights_time, state, 0.0f, bias, filter_sums, output);
  const int64_t count = static_cast<int64_t>(s.batch) * s.num_units;
  for (int64_t i = 0; i < count; ++i) output[i] = activate(output[i]);
}

struct SvdfQuantParams {
  int32_t input_zero_point, state_zero_point, output_zero_point;
  int32_t feature_multiplier, time_multiplier;  // input->state and state->output rescales
  int feature_shift, time_shift;
};

// int8 SVDF with an int8 or int16 state (T). The fused activation is not applied: TFLM's
// integer kernel only clamps to int8.
template <typename T>
inline void SvdfInteger(const SvdfShape& s, const SvdfQuantParams& p, const int8_t* input,
                        const int8_t* weights_feature, const T* weights_time,
                        const int32_t* bias, T* state, int32_t* filter_sums,
                        int32_t* unit_sums, int8_t* output) {
  ShiftSvdfState(s, state);
  const int32_t state_min = std::numeric_limits<T>::min();
  const int32_t state_max = std::numeric_limits<T>::max();
  WriteFeatureActivations(s, input, weights_feature, p.input_zero_point, state, [&](int32_t dot) {
    dot = MultiplyByQuantizedMultiplier(dot, p.feature_multiplier, p.feature_shift);
    // The oracle's TFLM clamps first and adds the zero point after, so an int8 state can wrap
    // when narrowed (newer TFLM sources add it before the clamp).
    dot = std::min(std::max(state_min, dot), state_max);
    return static_cast<T>(dot + p.state_zero_point);
  });
  SvdfTimeAndReduce<int32_t>(s, weights_time, state, p.state_zero_point, bias, filter_sums,
                             unit_sums);
  const int64_t count = static_cast<int64_t>(s.batch) * s.num_units;
  for (int64_t i = 0; i < count; ++i) {
    const int32_t scaled =
        MultiplyByQuantizedMultiplier(unit_sums[i], p.time_multiplier, p.time_shift) +
        p.output_zero_point;
    output[i] = static_cast<int8_t>(std::min(std::max(scaled, -128), 127));
  }
}

}  // namespace reference
}  // namespace tflm_host
