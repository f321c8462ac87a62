// Test and benchmark hooks of the thread pool: _core._parallel_for_ranges(count,
// num_threads, repeats, busy_us) runs ParallelFor on a fresh pool (through ScopedThreadPool and the free
// function, as kernels call it) and reports the ranges each thread was handed, so tests can
// check the split covers [0, count) exactly once; _core._set_min_parallel_macs(macs) moves
// the size from which kernels prepared afterwards split (benchmarks/threads.py --sweep).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>
#include <tuple>
#include <vector>

#include "core/thread_pool.h"
#include "kernels/common/thread_split.h"

namespace py = pybind11;

namespace tflm_host {
namespace {

// (begin, end, thread index, whether the calling thread ran it)
using RangeRecord = std::tuple<int, int, int, bool>;

struct Recorder {
  std::chrono::microseconds busy{0};  // each range takes this long, as real work would
  std::mutex mutex;
  std::thread::id caller = std::this_thread::get_id();
  std::vector<RangeRecord> ranges;
};

void Record(void* context, int begin, int end, int thread) {
  auto* recorder = static_cast<Recorder*>(context);
  const auto until = std::chrono::steady_clock::now() + recorder->busy;
  while (std::chrono::steady_clock::now() < until) {
  }
  const bool on_caller = std::this_thread::get_id() == recorder->caller;
  std::lock_guard<std::mutex> lock(recorder->mutex);
  recorder->ranges.emplace_back(begin, end, thread, on_caller);
}

}  // namespace

void RegisterThreadPool(py::module_& m) {
  m.def("_parallel_for_ranges", [](int count, int num_threads, int repeats, int busy_us) {
    if (num_threads < 1) throw py::value_error("num_threads must be at least 1");
    std::vector<std::vector<RangeRecord>> runs;
    py::gil_scoped_release release;
    ThreadPool pool(num_threads);
    ScopedThreadPool scoped(&pool);
    for (int r = 0; r < repeats; ++r) {
      Recorder recorder;
      recorder.busy = std::chrono::microseconds(busy_us);
      ParallelFor(count, Record, &recorder);
      std::sort(recorder.ranges.begin(), recorder.ranges.end());
      runs.push_back(std::move(recorder.ranges));
    }
    return runs;
  }, py::arg("count"), py::arg("num_threads"), py::arg("repeats") = 1,
     py::arg("busy_us") = 0,
     "Test hook: the (begin, end, thread, on_calling_thread) ranges ParallelFor hands out, "
     "one list per repeat; each range busy-waits busy_us first.");
  m.def("_set_min_parallel_macs", [](int64_t macs) { return SetMinParallelMacs(macs); },
        py::arg("macs"),
        "Benchmark hook: layers of at least this many MACs prepared from now on split across "
        "threads. Returns the previous value.");
  m.def("_min_parallel_macs", [] { return MinParallelMacs(); });
}

}  // namespace tflm_host
