// ABS: float32, int8 (quantized) and int16 (quantized with zero points of 0, or plain
// integers), as TFLM's elementwise.cc. Quantized inputs requantize only when the input and
// output scales differ.
#include <cstdlib>

#include "core/registry.h"
#include "kernels/common/elementwise_unary.h"
#include "kernels/common/prepare_util.h"
#include "reference/abs_rsqrt.h"

namespace tflm_host {
namespace {

struct AbsData : OpData {
  bool quantized = false;
  reference::AbsRsqrtQuantParams quant{};
};

Status Prepare(OpContext& context) {
  const Tensor* input;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetUnaryOperands(context, "ABS",
                                       {DType::kFloat32, DType::kInt8, DType::kInt16}, &input,
                                       &output));
  auto* data = context.make_data<AbsData>();
  // int16 without quantization takes plain absolute values; int8 must be quantized.
  data->quantized = input->type == DType::kInt8 ||
                    (input->type == DType::kInt16 && input->is_quantized());
  if (!data->quantized) return Status::Ok();
  TFH_RETURN_IF_ERROR(CheckQuantizedUnary(*input, *output));
  auto& p = data->quant;
  p.input_zero_point = input->zero_point();
  p.output_zero_point = output->zero_point();
  p.rescale = input->scale() != output->scale();
  if (p.rescale) {
    QuantizeMultiplier(static_cast<double>(input->scale()) / static_cast<double>(output->scale()),
                       &p.multiplier, &p.shift);
    TFH_ENSURE(p.shift <= 31, "input scale %g is too large for output scale %g", input->scale(),
               output->scale());
  }
  return Status::Ok();
}

template <typename T>
void EvalQuantized(const AbsData& data, const Tensor& input, Tensor* output) {
  const auto& p = data.quant;
  reference::MapElements(input.as<T>(), output->as<T>(), input.num_elements(),
                         [&p](T x) { return reference::AbsQuantized(x, p); });
}

Status Eval(OpContext& context) {
  const auto& data = *context.data<AbsData>();
  const Tensor& input = *context.input(0);
  Tensor* output = context.output(0);
  switch (input.type) {
    case DType::kFloat32:
      return EvalFloatUnary<reference::Abs>(context);
    case DType::kInt8:
      EvalQuantized<int8_t>(data, input, output);
      break;
    default:
      if (data.quantized) {
        EvalQuantized<int16_t>(data, input, output);
      } else {  // |-32768| wraps to -32768 as in TFLM's int16 cast
        reference::MapElements(input.as<int16_t>(), output->as<int16_t>(), input.num_elements(),
                               [](int16_t x) { return static_cast<int16_t>(std::abs(x)); });
      }
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"ABS", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval});

}  // namespace tflm_host
