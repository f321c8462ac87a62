// The _core extension: a thin layer that converts types, turns Status into exceptions and
// releases the GIL around invoke. All validation and policy live in Python or the core.
#include <pybind11/pybind11.h>

namespace py = pybind11;

namespace tflm_host {
void RegisterRuntime(py::module_& m);
void RegisterRegistry(py::module_& m);
void RegisterPlanner(py::module_& m);
void RegisterCmsisIsa(py::module_& m);
void RegisterThreadPool(py::module_& m);
}  // namespace tflm_host

PYBIND11_MODULE(_core, m) {
  m.doc() = "tflm-host native core: arena planner, runtime and kernels";
  tflm_host::RegisterRuntime(m);
  tflm_host::RegisterRegistry(m);
  tflm_host::RegisterPlanner(m);
  tflm_host::RegisterCmsisIsa(m);
  tflm_host::RegisterThreadPool(m);
}
