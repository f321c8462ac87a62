// CONCATENATION math: the tensors are viewed as [outer, axis * inner]; for each outer index
// the inputs' rows are appended in order. Values are copied as bytes, so one routine serves
// every element type.
#pragma once

#include <cstdint>
#include <cstring>

namespace tflm_host {
namespace reference {

// row_bytes[i]: bytes of input i below one outer index (its axis size * inner * element).
inline void Concatenation(int count, const uint8_t* const* inputs, const int64_t* row_bytes,
                          int64_t outer, uint8_t* output) {
  for (int64_t k = 0; k < outer; ++k) {
    for (int i = 0; i < count; ++i) {
      if (row_bytes[i] == 0) continue;  // empty inputs may have no buffer at all
      std::memcpy(output, inputs[i] + k * row_bytes[i], row_bytes[i]);
      output += row_bytes[i];
    }
  }
}

}  // namespace reference
}  // namespace tflm_host
