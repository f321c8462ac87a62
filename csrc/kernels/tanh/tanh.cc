// TANH: Prepare checks the types and derives the int8 input rescaling; Eval calls
// reference/tanh.h.
#include "core/registry.h"
#include "kernels/common/fixed_point_activation.h"
#include "kernels/common/prepare_util.h"
#include "reference/tanh.h"

namespace tflm_host {
namespace {

struct TanhData : OpData {
  reference::FixedPointActivationParams params{};
  int32_t int16_multiplier = 0, int16_shift = 0;
  int64_t size = 0;
};

Status Prepare(OpContext& context) {
  const Tensor* input;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetUnaryOperands(context, &input, &output));

  auto* data = context.make_data<TanhData>();
  data->size = input->num_elements();
  if (input->type == DType::kInt8)
    TFH_RETURN_IF_ERROR(PrepareFixedPointActivation(*input, &data->params));
  if (input->type == DType::kInt16)
    TFH_RETURN_IF_ERROR(PrepareSigmoidInt16Rescale(*input, *output, /*is_tanh=*/true,
                                                   &data->int16_multiplier, &data->int16_shift));
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<TanhData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  if (input->type == DType::kFloat32) {
    reference::TanhFloat(data->size, input->as<float>(), output->as<float>());
  } else if (input->type == DType::kInt8) {
    reference::TanhInt8(data->params, data->size, input->as<int8_t>(), output->as<int8_t>());
  } else {
    reference::TanhInt16(data->int16_multiplier, data->int16_shift, data->size,
                         input->as<int16_t>(), output->as<int16_t>());
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"TANH", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval});

}  // namespace tflm_host
