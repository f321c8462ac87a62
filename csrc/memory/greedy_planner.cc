#include "memory/greedy_planner.h"

#include <algorithm>
#include <numeric>

namespace tflm_host {
namespace {

bool LifetimesOverlap(const BufferRequest& a, const BufferRequest& b) {
  return a.first_used <= b.last_used && b.first_used <= a.last_used;
}

}  // namespace

std::vector<size_t> GreedyPlanner::Plan(const std::vector<BufferRequest>& requests,
                                        size_t* peak_bytes) {
  const size_t n = requests.size();
  std::vector<size_t> offsets(n, 0);
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Offline-planned buffers first (in model order), then online ones by decreasing size,
  // equal sizes the later-added first.
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const bool offline_a = requests[a].offline_offset >= 0;
    const bool offline_b = requests[b].offline_offset >= 0;
    if (offline_a != offline_b) return offline_a;
    if (offline_a) return a < b;
    if (requests[a].size != requests[b].size) return requests[a].size > requests[b].size;
    return a > b;
  });

  std::vector<size_t> placed;  // request indices, kept sorted by offset
  size_t peak = 0;
  for (size_t index : order) {
    const BufferRequest& request = requests[index];
    size_t offset = 0;
    if (request.offline_offset >= 0) {
      offset = static_cast<size_t>(request.offline_offset);
    } else {
      for (size_t other : placed) {
        if (!LifetimesOverlap(request, requests[other])) continue;
        if (offsets[other] >= offset + request.size) break;  // the gap before `other` fits
        offset = std::max(offset, offsets[other] + requests[other].size);
      }
    }
    offsets[index] = offset;
    auto position = std::upper_bound(placed.begin(), placed.end(), offset,
                                     [&](size_t value, size_t i) { return value < offsets[i]; });
    placed.insert(position, index);
    peak = std::max(peak, offset + request.size);
  }
  if (peak_bytes != nullptr) *peak_bytes = peak;
  return offsets;
}

}  // namespace tflm_host
