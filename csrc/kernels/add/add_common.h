// ADD: its Ops for the shared binary kernel (kernels/common/binary_arith_kernel.h),
// used by the reference kernel (add.cc) and the optimized one (add_optimized.cc).
#pragma once

#include <limits>

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

using AddData = BinaryArithData<AddOps>;

inline Status PrepareAdd(OpContext& context) { return PrepareBinaryArith<AddOps>(context); }
inline Status EvalAddReference(OpContext& context) { return EvalBinaryArith<AddOps>(context); }

}  // namespace tflm_host
