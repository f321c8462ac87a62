// ADD: float, int32, int8 and int16, with broadcasting and fused activations; the shared
// binary Prepare/Eval (kernels/common/binary_arith_kernel.h) over reference/add.h.
#include "core/registry.h"
#include "kernels/add/add_common.h"

namespace tflm_host {

TFH_REGISTER_KERNEL({"ADD", "reference",
                     {DType::kFloat32, DType::kInt32, DType::kInt8, DType::kInt16},
                     PrepareAdd, EvalAddReference});

}  // namespace tflm_host
