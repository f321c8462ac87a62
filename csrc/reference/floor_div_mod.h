// FLOOR_DIV and FLOOR_MOD on float32 as TFLM's reference functions compute them.
#pragma once

#include <cmath>

namespace tflm_host {
namespace reference {

// floor(a / b) with the quotient taken in double (TFLM's FloorDiv). Callers reject b == 0.
inline float FloorDiv(float a, float b) {
  return static_cast<float>(std::floor(static_cast<double>(a) / static_cast<double>(b)));
}

// The remainder with the divisor's sign: fmod, moved by b when the signs differ. A zero
// divisor yields NaN, as in TFLM.
inline float FloorMod(float a, float b) {
  const float trunc_mod = std::fmod(a, b);
  return trunc_mod != 0 && ((b < 0) != (trunc_mod < 0)) ? trunc_mod + b : trunc_mod;
}

}  // namespace reference
}  // namespace tflm_host
