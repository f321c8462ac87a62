// SPLIT, SPLIT_V and UNPACK math, the inverse of CONCATENATION: the input is viewed as
// [outer, axis * inner]; for each outer index every output takes its next rows in order.
// Values are copied as bytes, so one routine serves every element type.
#pragma once

#include <cstdint>
#include <cstring>

namespace tflm_host {
namespace reference {

// row_bytes[i]: bytes of output i below one outer index (its axis size * inner * element).
inline void Split(const uint8_t* input, int64_t outer, int count, const int64_t* row_bytes,
                  uint8_t* const* outputs) {
  for (int64_t k = 0; k < outer; ++k) {
    for (int i = 0; i < count; ++i) {
      if (row_bytes[i] == 0) continue;  // empty outputs may have no buffer at all
      std::memcpy(outputs[i] + k * row_bytes[i], input, row_bytes[i]);
      input += row_bytes[i];
    }
  }
}

}  // namespace reference
}  // namespace tflm_host
