// ThreadPool: a fixed set of worker threads for splitting one kernel's loop, created when the
// interpreter is built (never during invoke) and dispatching without allocating.
//
// Kernels do not own threads: they call ParallelFor(), which uses the pool of the runtime that
// is currently preparing or invoking (a thread-local set by ScopedThreadPool), or runs the
// loop inline when there is none. [0, count) is cut into a fixed set of contiguous chunks
// (ParallelChunks / ChunkRange, independent of timing) that the threads claim one at a time,
// so a worker the OS wakes late costs nothing: the calling thread takes its chunks. Each
// chunk is computed by exactly one thread, so results are bit-identical whatever the thread
// count or schedule.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace tflm_host {

// fn(context, begin, end, thread): computes indices [begin, end) on thread `thread`
// (0 .. num_threads-1, 0 the calling thread; a kernel indexes its per-thread scratch with it).
// One thread may be handed several chunks, one after the other.
using RangeFn = void (*)(void* context, int begin, int end, int thread);

class ThreadPool {
 public:
  // num_threads counts the calling thread: a pool of 1 starts no worker.
  explicit ThreadPool(int num_threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int num_threads() const { return static_cast<int>(workers_.size()) + 1; }
  // Runs fn over the chunks of [0, count) on the calling thread and the workers; returns
  // when all are done (workers that had not started by then skip the job).
  void ParallelFor(int count, RangeFn fn, void* context);

 private:
  void WorkerLoop(int thread);
  void RunChunks(int thread);  // claims and runs chunks of the current job until none is left

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable start_;
  std::condition_variable done_;
  // Bumped (under mutex_) for each ParallelFor; workers wait for a new one, first spinning
  // briefly on it (back-to-back layers then skip the futex wake-up), then sleeping.
  std::atomic<uint64_t> generation_{0};
  int sleeping_ = 0;         // workers blocked on start_ (the caller notifies only then)
  bool stopping_ = false;
  bool open_ = false;        // workers may still join the current job
  int active_ = 0;           // workers inside the current job
  int starting_ = 0;         // workers still running their thread inits
  RangeFn fn_ = nullptr;
  void* context_ = nullptr;
  int count_ = 0;
  int chunks_ = 0;
  std::atomic<int> next_chunk_{0};
};

// Adds a function every worker runs once when it starts, before its pool's constructor
// returns: glibc allocates a dlopen'ed library's thread-locals on a thread's first access,
// which must happen there and not during an invoke. Call from a static initializer.
void AddWorkerThreadInit(void (*init)());

// The thread count kernels should plan per-thread scratch for (1 outside a runtime).
int CurrentNumThreads();
// How many chunks ParallelFor cuts [0, count) into for `threads` threads, and chunk `chunk`'s
// range [begin, end) (near-equal contiguous ranges), so a kernel can size per-thread scratch
// for exactly the pieces any thread may be handed.
int ParallelChunks(int count, int threads);
void ChunkRange(int count, int chunks, int chunk, int* begin, int* end);
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
