// MUL: float, int32, int8 and int16, with broadcasting and fused activations. Prepare checks
// the shapes and derives the requantization; Eval calls reference/mul.h.
#include "core/registry.h"
#include "kernels/common/elementwise_util.h"
#include "kernels/common/prepare_util.h"
#include "kernels/mul/mul_common.h"

namespace tflm_host {
namespace {

Status PrepareQuantized(const Tensor& input1, const Tensor& input2, const Tensor& output,
                        Activation activation, reference::MulQuantParams* p) {
  TFH_RETURN_IF_ERROR(CheckQuantized(input1, "input 1"));
  TFH_RETURN_IF_ERROR(CheckQuantized(input2, "input 2"));
  TFH_RETURN_IF_ERROR(CheckQuantized(output, "output"));
  if (output.type == DType::kInt16)
    TFH_ENSURE(input1.zero_point() == 0 && input2.zero_point() == 0 && output.zero_point() == 0,
               "int16 MUL needs zero points of 0, got %d, %d and %d", input1.zero_point(),
               input2.zero_point(), output.zero_point());
  const double real = static_cast<double>(input1.scale()) * static_cast<double>(input2.scale()) /
                      static_cast<double>(output.scale());
  QuantizeMultiplier(real, &p->output_multiplier, &p->output_shift);
  // A larger left shift would overflow before the multiply (undefined in TFLM).
  TFH_ENSURE(p->output_shift <= 30, "MUL rescale factor %g is too large", real);
  p->input1_offset = -input1.zero_point();
  p->input2_offset = -input2.zero_point();
  p->output_offset = output.zero_point();
  QuantizedActivationRange(activation, output, &p->act_min, &p->act_max);
  return Status::Ok();
}

}  // namespace

Status PrepareMul(OpContext& context) {
  const Tensor *input1, *input2;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetBinaryOperands(context, &input1, &input2, &output));
  const Activation activation = FusedActivation(context);
  TFH_RETURN_IF_ERROR(CheckActivationSupported(activation));
  auto* data = context.make_data<MulData>();
  TFH_RETURN_IF_ERROR(PrepareBroadcast(*input1, *input2, *output, &data->plan));
  switch (output->type) {
    case DType::kFloat32:
      FloatActivationRange(activation, &data->act_min, &data->act_max);
      return Status::Ok();
    case DType::kInt32:
      Int32ActivationRange(activation, &data->int_act_min, &data->int_act_max);
      return Status::Ok();
    case DType::kInt8:
    case DType::kInt16:
      return PrepareQuantized(*input1, *input2, *output, activation, &data->quant);
    default:
      break;
  }
  return Status::Error(StatusCode::kInvalid,
                       Format("MUL does not support %s", DTypeName(output->type)));
}

Status EvalMulReference(OpContext& context) {
  const auto* data = context.data<MulData>();
  const Tensor* input1 = context.input(0);
  const Tensor* input2 = context.input(1);
  Tensor* output = context.output(0);
  switch (output->type) {
    case DType::kFloat32:
      reference::MulPlain(data->plan, data->act_min, data->act_max, input1->as<float>(),
                          input2->as<float>(), output->as<float>());
      break;
    case DType::kInt32:
      reference::MulPlain(data->plan, data->int_act_min, data->int_act_max,
                          input1->as<int32_t>(), input2->as<int32_t>(), output->as<int32_t>());
      break;
    case DType::kInt8:
      reference::MulQuantized(data->plan, data->quant, input1->as<int8_t>(),
                              input2->as<int8_t>(), output->as<int8_t>());
      break;
    default:
      reference::MulQuantized(data->plan, data->quant, input1->as<int16_t>(),
                              input2->as<int16_t>(), output->as<int16_t>());
  }
  return Status::Ok();
}

TFH_REGISTER_KERNEL({"MUL", "reference",
                     {DType::kFloat32, DType::kInt32, DType::kInt8, DType::kInt16}, PrepareMul,
                     EvalMulReference});

}  // namespace tflm_host
