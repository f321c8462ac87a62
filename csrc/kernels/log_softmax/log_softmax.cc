// LOG_SOFTMAX over the last dimension: float32, and int8 whose output must have TFLM's fixed
// scale 16/256 and zero point 127 (TFLM's log_softmax.cc; beta is always 1).
#include <cmath>

#include "core/registry.h"
#include "kernels/common/elementwise_unary.h"
#include "kernels/common/prepare_util.h"
#include "reference/log_softmax.h"

namespace tflm_host {
namespace {

struct LogSoftmaxData : OpData {
  int64_t rows = 0, depth = 0;
  reference::LogSoftmaxQuantParams quant{};
};

// TFLM's PreprocessLogSoftmaxScalingExp and CalculateInputRadius for beta 1 and Q5.26.
Status PrepareInt8(const Tensor& input, const Tensor& output, reference::LogSoftmaxQuantParams* p) {
  TFH_RETURN_IF_ERROR(CheckQuantized(input, "input"));
  TFH_ENSURE(output.is_quantized() && output.scale() == 16.0f / 256 && output.zero_point() == 127,
             "int8 LOG_SOFTMAX output must have scale 16/256 and zero point 127");
  constexpr int kInputBits = 5;
  const double real_multiplier = std::min(
      static_cast<double>(input.scale()) * (1 << (31 - kInputBits)), (1LL << 31) - 1.0);
  // TFLM's QuantizeMultiplierGreaterThanOne aborts otherwise.
  TFH_ENSURE(real_multiplier > 1.0, "input scale %g is too small for the int8 LOG_SOFTMAX",
             input.scale());
  // Large scales cap at shift 31: then only the row maxima (difference 0) count.
  QuantizeMultiplier(real_multiplier, &p->input_multiplier, &p->input_left_shift);
  const double reverse = static_cast<double>(1 << (31 - p->input_left_shift)) /
                         static_cast<double>(p->input_multiplier);
  // TFLM's QuantizeMultiplierSmallerThanOneExp aborts unless the inverse lies in (0, 1).
  TFH_ENSURE(reverse > 0.0 && reverse < 1.0,
             "input scale %g has no int8 LOG_SOFTMAX inverse scaling", input.scale());
  QuantizeMultiplier(reverse, &p->reverse_scaling_divisor, &p->reverse_scaling_shift);
  const double radius = static_cast<double>((1 << kInputBits) - 1) *
                        static_cast<double>(1LL << (31 - kInputBits)) /
                        static_cast<double>(1LL << p->input_left_shift);
  p->diff_min = -static_cast<int32_t>(std::floor(radius));
  return Status::Ok();
}

Status Prepare(OpContext& context) {
  const Tensor* input;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetUnaryOperands(context, "LOG_SOFTMAX", {DType::kFloat32, DType::kInt8},
                                       &input, &output));
  TFH_ENSURE(input->rank() >= 1, "input must have at least one dimension");
  auto* data = context.make_data<LogSoftmaxData>();
  data->depth = input->dim(input->rank() - 1);
  data->rows = data->depth > 0 ? input->num_elements() / data->depth : 0;
  if (input->type == DType::kFloat32) return Status::Ok();
  return PrepareInt8(*input, *output, &data->quant);
}

Status Eval(OpContext& context) {
  const auto& data = *context.data<LogSoftmaxData>();
  const Tensor& input = *context.input(0);
  Tensor* output = context.output(0);
  if (input.type == DType::kFloat32) {
    reference::LogSoftmaxFloat(data.rows, data.depth, input.as<float>(), output->as<float>());
  } else {
    reference::LogSoftmaxInt8(data.quant, data.rows, data.depth, input.as<int8_t>(),
                              output->as<int8_t>());
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"LOG_SOFTMAX", "reference", {DType::kFloat32, DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
