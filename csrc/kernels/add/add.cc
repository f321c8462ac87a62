// ADD: float, int32, int8 and int16, with broadcasting and fused activations; the shared
// binary Prepare/Eval (kernels/common/binary_arith_kernel.h) over reference/add.h.
#include <limits>

#include "core/registry.h"
#include "kernels/common/binary_arith_kernel.h"

namespace tflm_host {

struct AddOps : AddSubOps</*kSubtract=*/false> {
  static constexpr const char* kName = "ADD";

  // TFLM adds int32 unquantized only, and ignores the fused activation.
  static Status PrepareInt32(const Tensor& input1, const Tensor& input2, const Tensor&,
                             Activation, int32_t* act_min, int32_t* act_max) {
    TFH_ENSURE(!input1.is_quantized() && !input2.is_quantized(),
               "int32 ADD supports unquantized inputs only");
    *act_min = std::numeric_limits<int32_t>::lowest();
    *act_max = std::numeric_limits<int32_t>::max();
    return Status::Ok();
  }
};

TFH_REGISTER_KERNEL({"ADD", "reference",
                     {DType::kFloat32, DType::kInt32, DType::kInt8, DType::kInt16},
                     PrepareBinaryArith<AddOps>, EvalBinaryArith<AddOps>});

}  // namespace tflm_host
