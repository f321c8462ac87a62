// GreedyPlanner: places buffers with known sizes and lifetimes in one address range, the way
// TFLM's GreedyMemoryPlanner does. It never sees a model: size and lifetime in, offsets out.
//
// Algorithm: buffers with an offline (model-given) offset keep it, unchecked, and are placed
// first; the rest are placed from largest to smallest (ties: the later-added first, as TFLM's
// reversed fill and stable sort order them), each at the lowest offset whose gap between the
// already-placed, time-overlapping buffers fits it. Lifetimes are inclusive scopes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tflm_host {

struct BufferRequest {
  size_t size = 0;
  int first_used = 0;        // index of the first node that needs the buffer
  int last_used = 0;         // index of the last node that needs it (inclusive)
  int64_t offline_offset = -1;  // >= 0: placed here, as the model's offline plan says
};

class GreedyPlanner {
 public:
  // Computes offsets for `requests`; the result has one offset per request.
  static std::vector<size_t> Plan(const std::vector<BufferRequest>& requests, size_t* peak_bytes);
};

}  // namespace tflm_host
