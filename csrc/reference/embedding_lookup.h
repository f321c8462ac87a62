// EMBEDDING_LOOKUP's hybrid path as TFLM's EvalHybrid: int8 rows dequantized to float with
// the table's one scale (zero point 0), x = float(q * scale). The plain path is a GATHER on
// axis 0 (reference/gather.h).
#pragma once

#include <cstdint>

#include "reference/dequantize.h"

namespace tflm_host {
namespace reference {

// False on the first out-of-range row index (rows before it are already written).
inline bool EmbeddingLookupHybrid(const int32_t* lookups, int64_t count, const int8_t* table,
                                  int64_t rows, int64_t columns, float scale, float* output) {
  for (int64_t i = 0; i < count; ++i) {
    const int32_t row = lookups[i];
    if (row < 0 || row >= rows) return false;
    // q * scale in float equals float(double(scale) * q): the double product is exact.
    Dequantize(static_cast<double>(scale), 0, columns, table + row * columns,
               output + i * columns);
  }
  return true;
}

}  // namespace reference
}  // namespace tflm_host
