// ThreadPool: a fixed set of worker threads for splitting one kernel's loop, created when the
// interpreter is built (never during invoke) and dispatching without allocating.
//
// Kernels do not own threads: they call ParallelFor(), which uses the pool of the runtime that
// is currently preparing or invoking (a thread-local set by ScopedThreadPool), or runs the
// loop inline when there is none. Each index range is computed by exactly one thread, so the
// results are bit-identical whatever the thread count.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace tflm_host {

// fn(context, begin, end, thread): computes indices [begin, end) on thread `thread`
// (0 .. num_threads-1; a kernel indexes its per-thread scratch with it).
using RangeFn = void (*)(void* context, int begin, int end, int thread);

class ThreadPool {
 public:
  // num_threads counts the calling thread: a pool of 1 starts no worker.
  explicit ThreadPool(int num_threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int num_threads() const { return static_cast<int>(workers_.size()) + 1; }
  // Splits [0, count) into num_threads contiguous ranges and runs them in parallel; returns
  // when all are done. The calling thread computes range 0.
  void ParallelFor(int count, RangeFn fn, void* context);

 private:
  void WorkerLoop(int thread);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable start_;
  std::condition_variable done_;
  uint64_t generation_ = 0;  // bumped for each ParallelFor; workers wait for a new one
  bool stopping_ = false;
  int pending_ = 0;          // workers still running the current job
  RangeFn fn_ = nullptr;
  void* context_ = nullptr;
  int count_ = 0;
};

// The thread count kernels should plan per-thread scratch for (1 outside a runtime).
int CurrentNumThreads();
// The range [begin, end) of [0, count) that thread `thread` of `threads` computes in
// ParallelFor (near-equal contiguous ranges, empty when count < threads), so a kernel can
// size per-thread scratch for exactly the pieces it will be handed.
void ThreadRange(int count, int threads, int thread, int* begin, int* end);
// Runs fn over [0, count) on the current runtime's pool, or inline as one range.
void ParallelFor(int count, RangeFn fn, void* context);

// Makes `pool` the current pool of this thread for its lifetime (nullptr: none).
class ScopedThreadPool {
 public:
  explicit ScopedThreadPool(ThreadPool* pool);
  ~ScopedThreadPool();

 private:
  ThreadPool* previous_;
};

}  // namespace tflm_host
