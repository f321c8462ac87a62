// RSQRT: float32, int8 and int16, both quantized (TFLM's elementwise.cc; its type check
// never fires, and its int16 path needs the quantization the Prepare step reads). A
// quantized input below its zero point fails the invoke, as in TFLM.
#include <cmath>

#include "core/registry.h"
#include "kernels/common/elementwise_unary.h"
#include "kernels/common/invoke_check.h"
#include "kernels/common/prepare_util.h"
#include "reference/abs_rsqrt.h"

namespace tflm_host {
namespace {

struct RsqrtData : OpData {
  reference::AbsRsqrtQuantParams quant{};
};

Status Prepare(OpContext& context) {
  const Tensor* input;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetUnaryOperands(context, "RSQRT",
                                       {DType::kFloat32, DType::kInt8, DType::kInt16}, &input,
                                       &output));
  auto* data = context.make_data<RsqrtData>();
  if (input->type == DType::kFloat32) return Status::Ok();
  TFH_RETURN_IF_ERROR(CheckQuantizedUnary(*input, *output));
  auto& p = data->quant;
  p.input_zero_point = input->zero_point();
  p.output_zero_point = output->zero_point();
  const double real = 1.0 / (std::sqrt(static_cast<double>(input->scale())) *
                             static_cast<double>(output->scale()));
  QuantizeMultiplier(real, &p.multiplier, &p.shift);
  // The int32 1/sqrt is shifted 20 bits left before this rescale undoes them.
  TFH_ENSURE(p.shift - 20 <= 31, "output scale %g is too small for input scale %g",
             output->scale(), input->scale());
  return Status::Ok();
}

template <typename T>
Status EvalQuantized(const RsqrtData& data, const Tensor& input, Tensor* output) {
  const auto& p = data.quant;
  const T* in = input.as<T>();
  const int64_t count = input.num_elements();
  for (int64_t i = 0; i < count; ++i) {
    TFH_INVOKE_ENSURE(in[i] >= p.input_zero_point,
                      "RSQRT is only defined for non-negative values (element %lld is below the "
                      "zero point)", static_cast<long long>(i));
  }
  reference::MapElements(in, output->as<T>(), count,
                         [&p](T x) { return reference::RsqrtQuantized(x, p); });
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto& data = *context.data<RsqrtData>();
  const Tensor& input = *context.input(0);
  switch (input.type) {
    case DType::kFloat32:
      return EvalFloatUnary<reference::Rsqrt>(context);
    case DType::kInt8:
      return EvalQuantized<int8_t>(data, input, context.output(0));
    default:
      return EvalQuantized<int16_t>(data, input, context.output(0));
  }
}

}  // namespace

TFH_REGISTER_KERNEL({"RSQRT", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval});

}  // namespace tflm_host
