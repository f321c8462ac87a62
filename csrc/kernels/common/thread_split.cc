#include "kernels/common/thread_split.h"

namespace tflm_host {
namespace {
std::atomic<int64_t> min_parallel_macs{kDefaultMinParallelMacs};
}  // namespace

int64_t MinParallelMacs() { return min_parallel_macs.load(std::memory_order_relaxed); }

int64_t SetMinParallelMacs(int64_t macs) { return min_parallel_macs.exchange(macs); }

}  // namespace tflm_host
