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

// Digit-by-digit square root rounded to nearest, as a uint16 (never rounds up past 0xFFFF).
inline uint16_t Sqrt32(uint32_t num) {
  if (num == 0) return 0;
  uint32_t result = 0;
  const int top = (32 - MostSignificantBit32(num)) | 1;
  uint32_t bit = uint32_t{1} << (31 - top);
  for (int iterations = (31 - top) / 2 + 1; iterations > 0; --iterations) {
    if (num >= result + bit) {
      num -= result + bit;
      result = (result >> 1) + bit;
    } else {
      result >>= 1;
    }
    bit >>= 2;
  }
  if (num > result && result != 0xFFFF) ++result;
  return static_cast<uint16_t>(result);
}

// 64-bit square root; values below 2^32 take the 32-bit path (TFLM's shortcut, slightly
// off near 2^32). The result is truncated to 32 bits.
inline uint32_t Sqrt64(uint64_t num) {
  if ((num >> 32) == 0) return Sqrt32(static_cast<uint32_t>(num));
  uint64_t result = 0;
  const int top = (64 - MostSignificantBit64(num)) | 1;
  uint64_t bit = uint64_t{1} << (63 - top);
  for (int iterations = (63 - top) / 2 + 1; iterations > 0; --iterations) {
    if (num >= result + bit) {
      num -= result + bit;
      result = (result >> 1) + bit;
    } else {
      result >>= 1;
    }
    bit >>= 2;
  }
  if (num > result && result != 0xFFFFFFFFu) ++result;
  return static_cast<uint32_t>(result);
}

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
