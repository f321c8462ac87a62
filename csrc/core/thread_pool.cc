#include "core/thread_pool.h"

namespace tflm_host {
namespace {

thread_local ThreadPool* current_pool = nullptr;

}  // namespace

ThreadPool::ThreadPool(int num_threads) {
  for (int t = 1; t < num_threads; ++t) workers_.emplace_back([this, t] { WorkerLoop(t); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  start_.notify_all();
  for (auto& worker : workers_) worker.join();
}

void ThreadPool::WorkerLoop(int thread) {
  uint64_t seen = 0;
  for (;;) {
    RangeFn fn;
    void* context;
    int count;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      start_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      fn = fn_;
      context = context_;
      count = count_;
    }
    int begin, end;
    ThreadRange(count, num_threads(), thread, &begin, &end);
    if (begin < end) fn(context, begin, end, thread);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (--pending_ == 0) done_.notify_one();
    }
  }
}

void ThreadPool::ParallelFor(int count, RangeFn fn, void* context) {
  if (workers_.empty() || count <= 1) {
    if (count > 0) fn(context, 0, count, 0);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    fn_ = fn;
    context_ = context;
    count_ = count;
    pending_ = static_cast<int>(workers_.size());
    ++generation_;
  }
  start_.notify_all();
  int begin, end;
  ThreadRange(count, num_threads(), 0, &begin, &end);
  if (begin < end) fn(context, begin, end, 0);
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return pending_ == 0; });
}

void ThreadRange(int count, int threads, int thread, int* begin, int* end) {
  const int64_t n = count;
  *begin = static_cast<int>(n * thread / threads);
  *end = static_cast<int>(n * (thread + 1) / threads);
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
