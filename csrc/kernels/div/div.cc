// DIV: float32, int32 (unquantized) and int8 (quantized), with broadcasting and fused
// activations. Integer division by zero traps in TFLM; here it is an invoke error.
#include <limits>

#include "core/registry.h"
#include "kernels/common/elementwise_util.h"
#include "kernels/common/prepare_util.h"
#include "reference/div.h"

namespace tflm_host {
namespace {

struct DivData : OpData {
  reference::BroadcastPlan plan;
  float float_min = 0, float_max = 0;
  int32_t int_min = 0, int_max = 0;
  reference::DivQuantParams quant{};
};

Status Prepare(OpContext& context) {
  const Tensor *input1, *input2;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetBinaryOperands(context, &input1, &input2, &output));
  const Activation activation = FusedActivation(context);
  TFH_RETURN_IF_ERROR(CheckActivationSupported(activation));
  auto* data = context.make_data<DivData>();
  TFH_RETURN_IF_ERROR(PrepareBroadcast(*input1, *input2, *output, &data->plan));
  switch (output->type) {
    case DType::kFloat32:
      FloatActivationRange(activation, &data->float_min, &data->float_max);
      return Status::Ok();
    case DType::kInt32:
      TFH_ENSURE(!input1->is_quantized() && !input2->is_quantized(),
                 "int32 DIV supports unquantized inputs only");
      Int32ActivationRange(activation, &data->int_min, &data->int_max);
      return Status::Ok();
    case DType::kInt8: {
      TFH_RETURN_IF_ERROR(CheckQuantized(*input1, "input 1"));
      TFH_RETURN_IF_ERROR(CheckQuantized(*input2, "input 2"));
      TFH_RETURN_IF_ERROR(CheckQuantized(*output, "output"));
      reference::DivQuantParams& q = data->quant;
      QuantizedActivationRange(activation, *output, &q.act_min, &q.act_max);
      // The ratio is formed in double (the oracle's rounding shows it, not in float).
      const double real = static_cast<double>(input1->scale()) /
                          (static_cast<double>(input2->scale()) * output->scale());
      QuantizeMultiplier(real, &q.output_multiplier, &q.output_shift);
      q.input1_offset = -input1->zero_point();
      q.input2_offset = -input2->zero_point();
      q.output_offset = output->zero_point();
      return Status::Ok();
    }
    default:
      break;
  }
  return Status::Error(StatusCode::kInvalid,
                       Format("DIV does not support %s", DTypeName(output->type)));
}

Status Eval(OpContext& context) {
  const auto* data = context.data<DivData>();
  const Tensor* input1 = context.input(0);
  const Tensor* input2 = context.input(1);
  Tensor* output = context.output(0);
  bool invalid = false;  // a zero divisor, or INT32_MIN / -1
  switch (output->type) {
    case DType::kFloat32:
      reference::BroadcastBinary(data->plan, input1->as<float>(), input2->as<float>(),
                                 output->as<float>(), [&](float a, float b) {
                                   return ActivationWithMinMax(a / b, data->float_min,
                                                               data->float_max);
                                 });
      break;
    case DType::kInt32:
      reference::BroadcastBinary(
          data->plan, input1->as<int32_t>(), input2->as<int32_t>(), output->as<int32_t>(),
          [&](int32_t a, int32_t b) {
            if (b == 0 || (b == -1 && a == std::numeric_limits<int32_t>::min())) {
              invalid = true;
              return int32_t{0};
            }
            return std::min(data->int_max, std::max(data->int_min, a / b));
          });
      break;
    default:
      reference::BroadcastBinary(data->plan, input1->as<int8_t>(), input2->as<int8_t>(),
                                 output->as<int8_t>(), [&](int8_t a, int8_t b) {
                                   if (data->quant.input2_offset + b == 0) {
                                     invalid = true;
                                     return int8_t{0};
                                   }
                                   return static_cast<int8_t>(
                                       reference::DivQuantized(data->quant, a, b));
                                 });
  }
  if (invalid)
    return Status::Error(StatusCode::kRuntime,
                         "integer division by zero (or of INT32_MIN by -1), which traps in TFLM");
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"DIV", "reference", {DType::kFloat32, DType::kInt32, DType::kInt8}, Prepare,
                     Eval});

}  // namespace tflm_host
