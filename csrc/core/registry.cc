#include "core/registry.h"

#include <algorithm>
#include <cstring>

namespace tflm_host {

Registry& Registry::Get() {
  static Registry registry;
  return registry;
}

void Registry::Add(const KernelDef& def) { kernels_.push_back(def); }

bool KernelDef::Accepts(const std::vector<DType>& node_input_types) const {
  if (input_types.empty()) return true;
  if (type_input >= static_cast<int>(node_input_types.size())) return false;
  return std::find(input_types.begin(), input_types.end(), node_input_types[type_input]) !=
         input_types.end();
}

const KernelDef* Registry::Find(const std::string& op, const std::string& variant,
                                const std::vector<DType>& node_input_types) const {
  const KernelDef* fallback = nullptr;
  for (const KernelDef& def : kernels_) {
    if (op != def.op) continue;
    if (variant == def.variant && def.Accepts(node_input_types)) return &def;
    if (std::strcmp(def.variant, "reference") == 0) fallback = &def;
  }
  return fallback;
}

}  // namespace tflm_host
