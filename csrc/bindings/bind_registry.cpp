#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <tuple>
#include <vector>

#include "core/registry.h"
#include "reference/sigmoid_int16.h"

namespace py = pybind11;

namespace tflm_host {

void RegisterRegistry(py::module_& m) {
  m.def("kernels", [] {
    std::vector<std::tuple<std::string, std::string, std::vector<int>, int>> out;
    for (const KernelDef& def : Registry::Get().All()) {
      std::vector<int> types;
      for (DType t : def.input_types) types.push_back(static_cast<int>(t));
      out.emplace_back(def.op, def.variant, types, def.type_input);
    }
    return out;
  }, "Every registered kernel as (op, variant, accepted type codes, the input they apply to).");
  m.def("find_kernel", [](const std::string& op, const std::string& variant,
                          const std::vector<int>& type_codes) -> py::object {
    std::vector<DType> types;
    for (int code : type_codes) types.push_back(static_cast<DType>(code));
    const KernelDef* def = Registry::Get().Find(op, variant, types);
    if (def == nullptr) return py::none();
    const auto& all = Registry::Get().All();
    return py::int_(def - all.data());
  }, "Index in kernels() of the kernel Registry::Find picks for these node input types, or None.");
  m.def("sigmoid_table_q16", [] {
    const auto& table = reference::kSigmoidTableQ16;
    return std::vector<int>(table.begin(), table.end());
  }, "The generated sigmoid table of the int16 LOGISTIC/TANH kernels.");
}

}  // namespace tflm_host
