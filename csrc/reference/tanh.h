// TANH math: float with std::tanh, int8 through gemmlowp-style fixed point, int16 through
// reference/sigmoid_int16.h.
#pragma once

#include <cmath>
#include <cstdint>

#include "reference/fixed_point.h"
#include "reference/fixed_point_activation.h"
#include "reference/sigmoid_int16.h"

namespace tflm_host {
namespace reference {

inline void TanhFloat(int64_t size, const float* input, float* output) {
  for (int64_t i = 0; i < size; ++i) output[i] = std::tanh(input[i]);
}

// The output is scale 1/128, zero point 0 whatever the output tensor says: TFLM does not
// check them.
inline void TanhInt8(const FixedPointActivationParams& p, int64_t size, const int8_t* input,
                     int8_t* output) {
  FixedPointActivationInt8(p, fixed_point::Tanh<kActivationInputIntegerBits>, 7, 0, size, input,
                           output);
}

}  // namespace reference
}  // namespace tflm_host
