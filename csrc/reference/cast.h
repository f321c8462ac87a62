// CAST: element-wise static_cast between numeric types, as TFLM's copyCast. Float to
// integer conversions out of range (undefined in C++) follow x86-64, TFLM's host target:
// cvttss2si yields the "integer indefinite" value, which narrower targets then truncate.
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
    // Unsigned 32-bit targets convert through int64 (as GCC emits), the rest through int32.
    using Wide = std::conditional_t<std::is_same_v<To, uint32_t>, int64_t, int32_t>;
    const double d = static_cast<double>(x);
    const bool in_range = d >= -std::ldexp(1.0, std::numeric_limits<Wide>::digits) &&
                          d < std::ldexp(1.0, std::numeric_limits<Wide>::digits);
    const Wide wide = in_range ? static_cast<Wide>(x) : std::numeric_limits<Wide>::min();
    return static_cast<To>(wide);
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
