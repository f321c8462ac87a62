// LOGISTIC: Prepare checks the types and derives the int8/int16 input rescaling; Eval calls
// reference/logistic.h and reference/sigmoid_int16.h.
#include <limits>

#include "core/registry.h"
#include "kernels/common/fixed_point_activation.h"
#include "kernels/common/prepare_util.h"
#include "reference/logistic.h"
#include "reference/sigmoid_int16.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_ENSURE(context.num_outputs() >= 1, "LOGISTIC has no output");
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  TFH_ENSURE(input->num_elements() == output->num_elements(),
             "output has %lld elements, the input %lld",
             static_cast<long long>(output->num_elements()),
             static_cast<long long>(input->num_elements()));
  // The int8 fixed-point result is written with scale 1/256 around -128.
  TFH_ENSURE(input->type != DType::kInt8 ||
                 output->zero_point() == std::numeric_limits<int8_t>::min(),
             "int8 output zero point must be -128, got %d", output->zero_point());
  return PrepareFixedPointActivationData(context, *input, *output, /*is_tanh=*/false);
}

}  // namespace

TFH_REGISTER_KERNEL({"LOGISTIC", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare,
                     EvalFixedPointActivation<reference::LogisticFloat, reference::LogisticInt8,
                                              reference::LogisticInt16>});

}  // namespace tflm_host
