// LEAKY_RELU on float32, int8 and int16 (TFLM's leaky_relu.cc / leaky_relu_common.cc).
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "reference/leaky_relu.h"

namespace tflm_host {
namespace {

struct LeakyReluData : OpData {
  int64_t size = 0;
  float alpha = 0.0f;
  reference::LeakyReluQuantParams params{};
};

Status Prepare(OpContext& context) {
  const Tensor* input;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetUnaryOperands(context, &input, &output));
  auto* data = context.make_data<LeakyReluData>();
  data->size = input->num_elements();
  data->alpha = static_cast<float>(context.options().get_float("alpha", 0.0));
  if (input->type == DType::kFloat32) return Status::Ok();

  TFH_ENSURE(input->type == DType::kInt8 || input->type == DType::kInt16,
             "input type %s is not supported (float32, int8 or int16)",
             DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckQuantized(*input, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(*output, "output"));
  auto& p = data->params;
  p.input_zero_point = input->zero_point();
  p.output_zero_point = output->zero_point();
  // Both ratios in double, as current TFLM forms them (older TFLM and TFLite divide in
  // float, which is why seanet's TFLite goldens are 1 LSB off in a few places).
  const double input_scale = input->scale(), output_scale = output->scale();
  QuantizeMultiplier(input_scale * static_cast<double>(data->alpha) / output_scale,
                     &p.alpha_multiplier, &p.alpha_shift);
  QuantizeMultiplier(input_scale / output_scale, &p.identity_multiplier, &p.identity_shift);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<LeakyReluData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  switch (input->type) {
    case DType::kFloat32:
      reference::LeakyReluFloat(data->alpha, data->size, input->as<float>(),
                                output->as<float>());
      break;
    case DType::kInt8:
      reference::LeakyReluQuantized(data->params, data->size, input->as<int8_t>(),
                                    output->as<int8_t>());
      break;
    default:
      reference::LeakyReluQuantized(data->params, data->size, input->as<int16_t>(),
                                    output->as<int16_t>());
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"LEAKY_RELU", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval});

}  // namespace tflm_host
