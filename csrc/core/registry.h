// The op registry: (op name, variant) -> kernel. Kernels register themselves from their own
// source file with TFH_REGISTER_KERNEL, so adding an op touches no shared file.
#pragma once

#include <string>
#include <vector>

#include "core/op_context.h"
#include "core/status.h"
#include "core/tensor.h"

namespace tflm_host {

using PrepareFn = Status (*)(OpContext&);
using EvalFn = Status (*)(OpContext&);
using ResetFn = void (*)(OpContext&);

struct KernelDef {
  const char* op;                 // builtin name ("CONV_2D") or custom code ("SignalWindow")
  const char* variant;            // "reference" or "optimized"
  std::vector<DType> input_types; // types of input `type_input` it accepts (empty: any)
  PrepareFn prepare;              // validates, precomputes, requests scratch
  EvalFn eval;                    // pure computation: no allocation, no validation
  ResetFn reset = nullptr;        // clears state kept outside variable tensors
  int type_input = 0;             // the data input whose type selects the kernel (TRANSPOSE_CONV:
                                  // 2, as input 0 is its output shape)

  bool Accepts(const std::vector<DType>& node_input_types) const;
};

class Registry {
 public:
  static Registry& Get();
  void Add(const KernelDef& def);
  // The kernel for `op` in `variant` if it accepts the node's input types (an optimized kernel
  // lists only the types it speeds up), else the "reference" one; nullptr if none.
  const KernelDef* Find(const std::string& op, const std::string& variant,
                        const std::vector<DType>& node_input_types) const;
  const std::vector<KernelDef>& All() const { return kernels_; }

 private:
  std::vector<KernelDef> kernels_;
};

struct KernelRegistrar {
  explicit KernelRegistrar(const KernelDef& def) { Registry::Get().Add(def); }
};

}  // namespace tflm_host

#define TFH_CONCAT_INNER(a, b) a##b
#define TFH_CONCAT(a, b) TFH_CONCAT_INNER(a, b)
#define TFH_REGISTER_KERNEL(...)                                                     \
  static const ::tflm_host::KernelRegistrar TFH_CONCAT(kernel_registrar_, __LINE__)( \
      ::tflm_host::KernelDef __VA_ARGS__)
