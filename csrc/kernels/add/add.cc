// ADD: float, int32, int8 and int16, with broadcasting and fused activations. Prepare checks
// the shapes and derives the requantization; Eval calls reference/add.h.
#include <limits>

#include "core/registry.h"
#include "kernels/common/elementwise_util.h"
#include "kernels/add/add_common.h"
#include "kernels/common/prepare_util.h"

namespace tflm_host {
Status PrepareAdd(OpContext& context) {
  const Tensor *input1, *input2;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetBinaryOperands(context, &input1, &input2, &output));
  const Activation activation = FusedActivation(context);
  TFH_RETURN_IF_ERROR(CheckActivationSupported(activation));
  auto* data = context.make_data<AddData>();
  TFH_RETURN_IF_ERROR(PrepareBroadcast(*input1, *input2, *output, &data->plan));
  switch (output->type) {
    case DType::kFloat32:
      FloatActivationRange(activation, &data->act_min, &data->act_max);
      return Status::Ok();
    case DType::kInt32:
      // TFLM adds int32 unquantized only, and ignores the fused activation.
      TFH_ENSURE(!input1->is_quantized() && !input2->is_quantized(),
                 "int32 ADD supports unquantized inputs only");
      return Status::Ok();
    case DType::kInt8:
    case DType::kInt16:
      return PrepareAddSubQuantization(*input1, *input2, *output, activation, &data->quant);
    default:
      break;
  }
  return Status::Error(StatusCode::kInvalid,
                       Format("ADD does not support %s", DTypeName(output->type)));
}

Status EvalAddReference(OpContext& context) {
  const auto* data = context.data<AddData>();
  const Tensor* input1 = context.input(0);
  const Tensor* input2 = context.input(1);
  Tensor* output = context.output(0);
  switch (output->type) {
    case DType::kFloat32:
      reference::AddPlain(data->plan, data->act_min, data->act_max, input1->as<float>(),
                          input2->as<float>(), output->as<float>());
      break;
    case DType::kInt32:
      reference::AddPlain(data->plan, std::numeric_limits<int32_t>::lowest(),
                          std::numeric_limits<int32_t>::max(), input1->as<int32_t>(),
                          input2->as<int32_t>(), output->as<int32_t>());
      break;
    case DType::kInt8:
      reference::AddQuantized(data->plan, data->quant, input1->as<int8_t>(),
                              input2->as<int8_t>(), output->as<int8_t>());
      break;
    default:
      reference::AddQuantized(data->plan, data->quant, input1->as<int16_t>(),
                              input2->as<int16_t>(), output->as<int16_t>());
  }
  return Status::Ok();
}

TFH_REGISTER_KERNEL({"ADD", "reference",
                     {DType::kFloat32, DType::kInt32, DType::kInt8, DType::kInt16}, PrepareAdd,
                     EvalAddReference});

}  // namespace tflm_host
