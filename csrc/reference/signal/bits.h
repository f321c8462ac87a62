// Bit helpers of TFLM's signal library: the most significant bit and the integer square
// roots (signal/src/msb_*.cc, square_root_*.cc).
#pragma once

#include <cstdint>

namespace tflm_host {
namespace reference {
namespace signal {

// 1-based index of the highest set bit. TFLM's GCC build returns 32 (64) for 0, not 0:
// callers depend on that quirk (an all-zero FFT input gets no scaling).
inline int MostSignificantBit32(uint32_t x) { return x ? 32 - __builtin_clz(x) : 32; }
inline int MostSignificantBit64(uint64_t x) { return x ? 64 - __builtin_clzll(x) : 64; }

// Digit-by-digit integer square root of a 32- or 64-bit value, rounded to nearest unless the
// result is already the largest half-width value (TFLM's Sqrt32 / Sqrt64 loop).
template <typename U>
U SquareRootDigits(U num, int msb, U max_result) {
  constexpr int kBits = sizeof(U) * 8;
  U result = 0;
  const int top = (kBits - msb) | 1;
  U bit = U{1} << (kBits - 1 - top);
  for (int iterations = (kBits - 1 - top) / 2 + 1; iterations > 0; --iterations) {
    if (num >= result + bit) {
      num -= result + bit;
      result = (result >> 1) + bit;
    } else {
      result >>= 1;
    }
    bit >>= 2;
  }
  if (num > result && result != max_result) ++result;
  return result;
}

inline uint16_t Sqrt32(uint32_t num) {
  if (num == 0) return 0;
  return static_cast<uint16_t>(SquareRootDigits<uint32_t>(num, MostSignificantBit32(num), 0xFFFF));
}

// 64-bit square root; values below 2^32 take the 32-bit path (TFLM's shortcut, slightly
// off near 2^32). The result is truncated to 32 bits.
inline uint32_t Sqrt64(uint64_t num) {
  if ((num >> 32) == 0) return Sqrt32(static_cast<uint32_t>(num));
  return static_cast<uint32_t>(
      SquareRootDigits<uint64_t>(num, MostSignificantBit64(num), 0xFFFFFFFFu));
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
