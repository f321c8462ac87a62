#include "core/registry.h"

#include <cstring>

namespace tflm_host {

Registry& Registry::Get() {
  static Registry registry;
  return registry;
}

void Registry::Add(const KernelDef& def) { kernels_.push_back(def); }

const KernelDef* Registry::Find(const std::string& op, const std::string& variant) const {
  const KernelDef* fallback = nullptr;
  for (const KernelDef& def : kernels_) {
    if (op != def.op) continue;
    if (variant == def.variant) return &def;
    if (std::strcmp(def.variant, "reference") == 0) fallback = &def;
  }
  return fallback;
}

}  // namespace tflm_host
