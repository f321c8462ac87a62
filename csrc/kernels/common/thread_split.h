// When and how the CMSIS-NN glue kernels split one call across the runtime's threads.
//
// A kernel decides at Prepare (PlanThreads), sizes its scratch for that many threads, and at
// Eval hands ParallelFor a count of independent units (output rows, pixels, batches or
// channel blocks); each unit's outputs are computed by exactly one thread with the same
// single-threaded CMSIS-NN call on a sub-tensor, so results are bit-identical for any
// thread count.
#pragma once

#include <atomic>
#include <cstdint>

#include "arm_nn_types.h"
#include "core/status.h"
#include "core/thread_pool.h"

namespace tflm_host {

// Below this much work a layer runs on the calling thread: handing half a layer to a worker
// costs ~10-20 us (more when the worker sleeps or the machine is loaded). Work is counted in
// GEMM multiply-accumulates (conv, FC); a depthwise MAC counts kDepthwiseMacCost, as the
// depthwise kernels do several times fewer MACs per microsecond. benchmarks/threads.py
// --sweep placed it (AVX-512, 2 cores): splitting paid from ~2M GEMM MACs (~20 us) and ~1M
// depthwise MACs (~55 us); 4M (~30 us of GEMM) keeps a margin. SetMinParallelMacs moves it.
constexpr int64_t kDefaultMinParallelMacs = int64_t{4} << 20;
constexpr int64_t kDepthwiseMacCost = 4;
int64_t MinParallelMacs();
int64_t SetMinParallelMacs(int64_t macs);  // returns the previous value

// The thread count to plan for: the runtime's when the work (in GEMM MACs) is large enough
// and splits into at least two units, else 1.
inline int PlanThreads(int64_t work, int units) {
  const int threads = CurrentNumThreads();
  return threads > 1 && units >= 2 && work >= MinParallelMacs() ? threads : 1;
}

// Whether Eval may split as planned: the pool running it is the one Prepare planned for
// (per-thread scratch exists for exactly that many threads).
inline bool RunsAsPlanned(int planned_threads) {
  return planned_threads > 1 && CurrentNumThreads() == planned_threads;
}

// The first failing CMSIS-NN status of a split call (any thread may record it).
class SplitStatus {
 public:
  void Record(arm_cmsis_nn_status status) {
    if (status != ARM_CMSIS_NN_SUCCESS) {
      int expected = ARM_CMSIS_NN_SUCCESS;
      first_.compare_exchange_strong(expected, static_cast<int>(status));
    }
  }
  arm_cmsis_nn_status get() const { return static_cast<arm_cmsis_nn_status>(first_.load()); }

 private:
  std::atomic<int> first_{ARM_CMSIS_NN_SUCCESS};
};

// ParallelFor over [0, count) with a lambda (captures by reference are fine: ParallelFor
// returns only when every thread is done).
template <typename Fn>
void ParallelForEach(int count, Fn& fn) {
  ParallelFor(
      count,
      [](void* context, int begin, int end, int thread) {
        (*static_cast<Fn*>(context))(begin, end, thread);
      },
      &fn);
}

}  // namespace tflm_host
