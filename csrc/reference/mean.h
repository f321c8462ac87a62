// MEAN: each output sums its input elements in input order (reference/reduce.h), then
// divides (float) or requantizes (int8/int16, with 1/count folded into the multiplier).
#pragma once

#include <cstdint>

#include "reference/reduce.h"

namespace tflm_host {
namespace reference {

inline void MeanFloat(const ReducePlan& plan, const float* input, float* output) {
  SumFloat(plan, input, output);
  if (plan.reduced_count == 0) return;
  const float count = static_cast<float>(plan.reduced_count);
  for (int64_t o = 0; o < plan.num_outputs; ++o) output[o] = output[o] / count;
}

}  // namespace reference
}  // namespace tflm_host
