// The greedy arena planner on its own: sizes and lifetimes in, offsets out. The tools use it
// to re-plan a model's buffers with other kernels' scratch sizes (the Cortex-M estimate).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <tuple>
#include <vector>

#include "memory/greedy_planner.h"

namespace py = pybind11;

namespace tflm_host {

void RegisterPlanner(py::module_& m) {
  m.def("plan_buffers", [](const std::vector<std::tuple<size_t, int, int>>& buffers) {
    std::vector<BufferRequest> requests;
    requests.reserve(buffers.size());
    for (const auto& [size, first, last] : buffers) {
      if (first > last) throw py::value_error("a buffer's first use is after its last use");
      BufferRequest r;
      r.size = size;
      r.first_used = first;
      r.last_used = last;
      requests.push_back(r);
    }
    size_t peak = 0;
    std::vector<size_t> offsets = GreedyPlanner::Plan(requests, &peak);
    return std::make_tuple(offsets, peak);
  }, py::arg("buffers"),
     "Plans (size, first, last) buffers as the runtime does; returns (offsets, peak bytes).");
}

}  // namespace tflm_host
