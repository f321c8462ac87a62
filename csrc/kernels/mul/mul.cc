// MUL: float, int32, int8 and int16, with broadcasting and fused activations; the shared
// binary Prepare/Eval (kernels/common/binary_arith_kernel.h) over reference/mul.h.
#include "core/registry.h"
#include "kernels/mul/mul_common.h"

namespace tflm_host {

TFH_REGISTER_KERNEL({"MUL", "reference",
                     {DType::kFloat32, DType::kInt32, DType::kInt8, DType::kInt16},
                     PrepareMul, EvalMulReference});

}  // namespace tflm_host
