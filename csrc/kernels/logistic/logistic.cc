// LOGISTIC: Prepare checks the types and derives the int8 input rescaling; Eval calls
// reference/logistic.h.
#include <limits>

#include "core/registry.h"
#include "kernels/common/fixed_point_activation.h"
#include "kernels/common/prepare_util.h"
#include "reference/logistic.h"

namespace tflm_host {
namespace {

struct LogisticData : OpData {
  reference::FixedPointActivationParams params{};
  int32_t int16_multiplier = 0, int16_shift = 0;
  int64_t size = 0;
};

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

  auto* data = context.make_data<LogisticData>();
  data->size = input->num_elements();
  if (input->type == DType::kInt8) {
    // The fixed-point result is written with scale 1/256 around -128.
    TFH_ENSURE(output->zero_point() == std::numeric_limits<int8_t>::min(),
               "int8 output zero point must be -128, got %d", output->zero_point());
    TFH_RETURN_IF_ERROR(PrepareFixedPointActivation(*input, &data->params));
  }
  if (input->type == DType::kInt16)
    TFH_RETURN_IF_ERROR(PrepareSigmoidInt16Rescale(*input, *output, /*is_tanh=*/false,
                                                   &data->int16_multiplier, &data->int16_shift));
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<LogisticData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  if (input->type == DType::kFloat32) {
    reference::LogisticFloat(data->size, input->as<float>(), output->as<float>());
  } else if (input->type == DType::kInt8) {
    reference::LogisticInt8(data->params, data->size, input->as<int8_t>(),
                            output->as<int8_t>());
  } else {
    reference::LogisticInt16(data->int16_multiplier, data->int16_shift, data->size,
                             input->as<int16_t>(), output->as<int16_t>());
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"LOGISTIC", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval});

}  // namespace tflm_host
