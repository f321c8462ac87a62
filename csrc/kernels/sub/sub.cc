// SUB: float, int32, int8 and int16, with broadcasting and fused activations; the shared
// binary Prepare/Eval (kernels/common/binary_arith_kernel.h) over reference/add.h.
#include "core/registry.h"
#include "kernels/common/binary_arith_kernel.h"

namespace tflm_host {

struct SubOps : AddSubOps</*kSubtract=*/true> {
  static constexpr const char* kName = "SUB";

  static Status PrepareInt32(const Tensor& input1, const Tensor& input2, const Tensor& output,
                             Activation activation, int32_t* act_min, int32_t* act_max) {
    TFH_ENSURE(!input1.is_quantized() && !input2.is_quantized() && !output.is_quantized(),
               "int32 SUB supports unquantized tensors only");
    Int32ActivationRange(activation, act_min, act_max);
    return Status::Ok();
  }
};

TFH_REGISTER_KERNEL({"SUB", "reference",
                     {DType::kFloat32, DType::kInt32, DType::kInt8, DType::kInt16},
                     PrepareBinaryArith<SubOps>, EvalBinaryArith<SubOps>});

}  // namespace tflm_host
