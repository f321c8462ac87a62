// CAST: element-wise conversion between numeric types, as TFLM's CAST computes it. Integer
// and bool conversions are C++ static_casts (integers wrap). Float to integer saturates to
// the target's range and maps NaN to 0 (the oracle's behaviour; a bare static_cast would be
// undefined out of range).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace tflm_host {
namespace reference {

template <typename To, typename From>
To CastElement(From x) {
  if constexpr (std::is_same_v<To, bool>) {
    return x != From(0);
  } else if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
    constexpr To kMin = std::numeric_limits<To>::min();
    constexpr To kMax = std::numeric_limits<To>::max();
    if (std::isnan(x)) return To(0);
    if (x <= static_cast<From>(kMin)) return kMin;
    if (x >= static_cast<From>(kMax)) return kMax;  // kMax may round up to 2^31 or 2^32
    return static_cast<To>(x);
  } else {
    return static_cast<To>(x);
  }
}

template <typename From, typename To>
void Cast(const From* input, To* output, int64_t count) {
  for (int64_t i = 0; i < count; ++i) output[i] = CastElement<To>(input[i]);
}

}  // namespace reference
}  // namespace tflm_host
