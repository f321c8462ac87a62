#include "core/thread_pool.h"

#include <algorithm>
#include <chrono>

namespace tflm_host {
namespace {

thread_local ThreadPool* current_pool = nullptr;

// Chunks per thread: enough that the calling thread can take over a late worker's share in
// pieces, few enough that the per-chunk cost (one more CMSIS-NN call) stays small.
constexpr int kChunksPerThread = 4;

// How long an idle worker polls for the next job before sleeping: about the gap between
// two split layers of a network (the ops between them run on the calling thread), and
// short enough that an idle interpreter soon stops using the core.
constexpr auto kSpinBeforeSleep = std::chrono::microseconds(100);

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

std::vector<void (*)()>& WorkerThreadInits() {
  static std::vector<void (*)()> inits;
  return inits;
}

}  // namespace

void AddWorkerThreadInit(void (*init)()) { WorkerThreadInits().push_back(init); }

ThreadPool::ThreadPool(int num_threads) {
  workers_.reserve(num_threads > 1 ? static_cast<size_t>(num_threads - 1) : 0);
  starting_ = num_threads - 1;
  for (int t = 1; t < num_threads; ++t) workers_.emplace_back([this, t] { WorkerLoop(t); });
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return starting_ <= 0; });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  start_.notify_all();
  for (auto& worker : workers_) worker.join();
}

void ThreadPool::RunChunks(int thread) {
  for (int chunk = next_chunk_.fetch_add(1); chunk < chunks_; chunk = next_chunk_.fetch_add(1)) {
    int begin, end;
    ChunkRange(count_, chunks_, chunk, &begin, &end);
    if (begin < end) fn_(context_, begin, end, thread);
  }
}

void ThreadPool::WorkerLoop(int thread) {
  for (auto init : WorkerThreadInits()) init();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--starting_ == 0) done_.notify_one();
  }
  uint64_t seen = 0;
  for (;;) {
    const auto spin_until = std::chrono::steady_clock::now() + kSpinBeforeSleep;
    while (generation_.load(std::memory_order_acquire) == seen &&
           std::chrono::steady_clock::now() < spin_until) {
      for (int i = 0; i < 64; ++i) CpuRelax();
    }
    {
      std::unique_lock<std::mutex> lock(mutex_);
      if (!stopping_ && generation_.load() == seen) {
        ++sleeping_;
        start_.wait(lock, [&] { return stopping_ || generation_.load() != seen; });
        --sleeping_;
      }
      if (stopping_) return;
      seen = generation_.load();
      if (!open_) continue;  // woke after the job was finished without us
      ++active_;
    }
    RunChunks(thread);  // the job's fields stay fixed while active_ > 0
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (--active_ == 0) done_.notify_one();
    }
  }
}

void ThreadPool::ParallelFor(int count, RangeFn fn, void* context) {
  if (workers_.empty() || count <= 1) {
    if (count > 0) fn(context, 0, count, 0);
    return;
  }
  bool wake;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    fn_ = fn;
    context_ = context;
    count_ = count;
    chunks_ = ParallelChunks(count, num_threads());
    next_chunk_.store(0, std::memory_order_relaxed);
    open_ = true;
    generation_.fetch_add(1, std::memory_order_release);
    wake = sleeping_ > 0;
  }
  if (wake) start_.notify_all();
  RunChunks(0);
  // Every chunk is claimed; close the job and wait only for workers still running one.
  std::unique_lock<std::mutex> lock(mutex_);
  open_ = false;
  done_.wait(lock, [&] { return active_ == 0; });
}

int ParallelChunks(int count, int threads) {
  return threads <= 1 || count <= 1 ? std::min(count, 1)
                                     : std::min(count, threads * kChunksPerThread);
}

void ChunkRange(int count, int chunks, int chunk, int* begin, int* end) {
  const int64_t n = count;
  *begin = static_cast<int>(n * chunk / chunks);
  *end = static_cast<int>(n * (chunk + 1) / chunks);
}

int CurrentNumThreads() { return current_pool ? current_pool->num_threads() : 1; }

void ParallelFor(int count, RangeFn fn, void* context) {
  if (current_pool) {
    current_pool->ParallelFor(count, fn, context);
  } else if (count > 0) {
    fn(context, 0, count, 0);
  }
}

ScopedThreadPool::ScopedThreadPool(ThreadPool* pool) : previous_(current_pool) {
  current_pool = pool;
}
ScopedThreadPool::~ScopedThreadPool() { current_pool = previous_; }

}  // namespace tflm_host
