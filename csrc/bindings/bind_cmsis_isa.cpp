// _core.cmsis_isa() / _core.set_cmsis_isa(name): which x86-64 path the optimized kernels
// of third_party/cmsis_nn use, so tests can check each SIMD path against the portable one.
// Built against the real CMSIS-NN (TFLM_HOST_CMSIS_NN_DIR) there is only its C path.
#include <pybind11/pybind11.h>

#include <stdexcept>
#include <string>

#ifdef TFLM_HOST_OWN_CMSIS_NN
#include "arm_nn_host_isa.h"
#endif

namespace py = pybind11;

namespace tflm_host {
namespace {

#ifdef TFLM_HOST_OWN_CMSIS_NN
const char* IsaName(arm_nn_host_isa isa) {
  switch (isa) {
    case ARM_NN_HOST_ISA_AVX512_VNNI: return "avx512";
    case ARM_NN_HOST_ISA_AVX2: return "avx2";
    default: return "portable";
  }
}

arm_nn_host_isa IsaFromName(const std::string& name) {
  if (name == "portable") return ARM_NN_HOST_ISA_PORTABLE;
  if (name == "avx2") return ARM_NN_HOST_ISA_AVX2;
  if (name == "avx512") return ARM_NN_HOST_ISA_AVX512_VNNI;
  throw std::invalid_argument("ISA must be 'portable', 'avx2' or 'avx512', got '" + name + "'");
}
#endif

}  // namespace

void RegisterCmsisIsa(py::module_& m) {
#ifdef TFLM_HOST_OWN_CMSIS_NN
  m.def("cmsis_isa", [] { return std::string(IsaName(arm_nn_host_isa_get())); },
        "Code path the optimized int8 kernels use now.");
  m.def("cmsis_isa_supported", [] { return std::string(IsaName(arm_nn_host_isa_detect())); },
        "Best code path this CPU supports.");
  m.def("set_cmsis_isa",
        [](const std::string& name) { return std::string(IsaName(arm_nn_host_isa_set(IsaFromName(name)))); },
        py::arg("name"),
        "Select the code path ('portable', 'avx2', 'avx512'); lowered to what the CPU supports. "
        "Returns the path in effect.");
#else
  m.def("cmsis_isa", [] { return std::string("cmsis-nn"); });
  m.def("cmsis_isa_supported", [] { return std::string("cmsis-nn"); });
  m.def("set_cmsis_isa", [](const std::string&) { return std::string("cmsis-nn"); }, py::arg("name"));
#endif
}

}  // namespace tflm_host
