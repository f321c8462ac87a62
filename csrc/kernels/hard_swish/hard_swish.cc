// HARD_SWISH on float32 and int8 (TFLM's hard_swish.cc / hard_swish_common.cc).
#include <limits>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "reference/hard_swish.h"

namespace tflm_host {
namespace {

struct HardSwishData : OpData {
  int64_t size = 0;
  reference::HardSwishQuantParams params{};
};

// TFLM's DownScaleInt32ToInt16Multiplier: the Q0.31 multiplier rounded to Q0.15.
int16_t DownScaleToInt16(int32_t multiplier) {
  constexpr int32_t kRounding = 1 << 15;
  if (multiplier >= std::numeric_limits<int32_t>::max() - kRounding)
    return std::numeric_limits<int16_t>::max();
  return static_cast<int16_t>((multiplier + kRounding) >> 16);
}

void QuantizeInt16Multiplier(double real, int16_t* multiplier, int* exponent) {
  int32_t multiplier32 = 0;
  QuantizeMultiplier(real, &multiplier32, exponent);
  *multiplier = DownScaleToInt16(multiplier32);
}

Status Prepare(OpContext& context) {
  const Tensor* input;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetUnaryOperands(context, &input, &output));
  auto* data = context.make_data<HardSwishData>();
  data->size = input->num_elements();
  if (input->type == DType::kFloat32) return Status::Ok();

  TFH_RETURN_IF_ERROR(CheckType(*input, DType::kInt8, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(*input, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(*output, "output"));
  auto& p = data->params;
  p.input_zero_point = input->zero_point();
  p.output_zero_point = output->zero_point();
  // The ratios are formed in float, as in TFLM.
  const float hires_input_scale = (1.0f / 128.0f) * input->scale();
  const float reluish_scale = 3.0f / 32768.0f;
  QuantizeInt16Multiplier(static_cast<double>(hires_input_scale / output->scale()),
                          &p.output_multiplier, &p.output_exponent);
  TFH_ENSURE(p.output_exponent <= 0,
             "input scale %g is too large for output scale %g (TFLM needs input / output "
             "below 128)", input->scale(), output->scale());
  QuantizeInt16Multiplier(static_cast<double>(hires_input_scale / reluish_scale),
                          &p.reluish_multiplier, &p.reluish_exponent);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<HardSwishData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  if (input->type == DType::kFloat32) {
    reference::HardSwishFloat(data->size, input->as<float>(), output->as<float>());
  } else {
    reference::HardSwishQuantized(data->params, data->size, input->as<int8_t>(),
                                  output->as<int8_t>());
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"HARD_SWISH", "reference", {DType::kFloat32, DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
