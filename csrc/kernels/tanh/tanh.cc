// TANH: Prepare checks the types and derives the int8/int16 input rescaling; Eval calls
// reference/tanh.h and reference/sigmoid_int16.h.
#include "core/registry.h"
#include "kernels/common/fixed_point_activation.h"
#include "kernels/common/prepare_util.h"
#include "reference/sigmoid_int16.h"
#include "reference/tanh.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  const Tensor* input;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetUnaryOperands(context, &input, &output));
  return PrepareFixedPointActivationData(context, *input, *output, /*is_tanh=*/true);
}

}  // namespace

TFH_REGISTER_KERNEL({"TANH", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare,
                     EvalFixedPointActivation<reference::TanhFloat, reference::TanhInt8,
                                              reference::TanhInt16>});

}  // namespace tflm_host
