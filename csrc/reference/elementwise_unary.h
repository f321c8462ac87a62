// One-input elementwise ops: the loop, and the float functions TFLM's kernels apply
// (elementwise.cc, exp.cc, neg.cc, floor.cc, ceil.cc, round.cc, elu.cc).
#pragma once

#include <cmath>
#include <cstdint>

namespace tflm_host {
namespace reference {

template <typename In, typename Out, typename Fn>
inline void MapElements(const In* in, Out* out, int64_t count, const Fn& fn) {
  for (int64_t i = 0; i < count; ++i) out[i] = fn(in[i]);
}

inline float Exp(float x) { return std::exp(x); }
inline float Log(float x) { return std::log(x); }  // NaN below 0, -inf at 0, as in TFLM
inline float Sqrt(float x) { return std::sqrt(x); }
inline float Rsqrt(float x) { return 1.0f / std::sqrt(x); }
inline float Square(float x) { return x * x; }
inline float Neg(float x) { return -x; }
inline float Abs(float x) { return std::fabs(x); }
inline float Floor(float x) { return std::floor(x); }
inline float Ceil(float x) { return std::ceil(x); }
inline float Elu(float x) { return x < 0.0f ? std::expm1(x) : x; }

// TFLM's RoundToNearest: halves go to the even neighbour (tf.round), computed from floor.
inline float RoundHalfToEven(float x) {
  const float floor_x = std::floor(x);
  const float diff = x - floor_x;
  if (diff < 0.5f || (diff == 0.5f && static_cast<int>(floor_x) % 2 == 0)) return floor_x;
  return floor_x + 1.0f;
}

}  // namespace reference
}  // namespace tflm_host
