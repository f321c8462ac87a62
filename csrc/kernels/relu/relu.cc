// RELU and RELU6 on float32, int8 and int16 (TFLM's activations.cc / activations_common.cc).
// Quantized RELU requantizes from the input to the output scale; quantized RELU6 clamps in
// the input's units and ignores the output's quantization, as TFLM does.
#include <cmath>
#include <limits>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "reference/relu.h"

namespace tflm_host {
namespace {

struct ReluData : OpData {
  int64_t size = 0;
  reference::ReluQuantParams params{};
};

struct Relu6Data : OpData {
  int64_t size = 0;
  int32_t zero = 0, six = 0;  // bounds in the input's units
};

// Checks shared by both ops; float needs nothing more.
Status PrepareCommon(OpContext& context, const Tensor** input) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, input));
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(*output, (*input)->type, "output"));
  TFH_ENSURE(SameShape(**input, *output), "output shape differs from the input shape");
  if ((*input)->type != DType::kFloat32) {
    TFH_ENSURE((*input)->type == DType::kInt8 || (*input)->type == DType::kInt16,
               "input type %s is not supported", DTypeName((*input)->type));
    TFH_RETURN_IF_ERROR(CheckQuantized(**input, "input"));
  }
  return Status::Ok();
}

int32_t TypeMin(DType type) { return type == DType::kInt8 ? -128 : -32768; }
int32_t TypeMax(DType type) { return type == DType::kInt8 ? 127 : 32767; }

Status ReluPrepare(OpContext& context) {
  const Tensor* input;
  TFH_RETURN_IF_ERROR(PrepareCommon(context, &input));
  const Tensor* output = context.output(0);
  auto* data = context.make_data<ReluData>();
  data->size = input->num_elements();
  if (input->type == DType::kFloat32) return Status::Ok();

  TFH_RETURN_IF_ERROR(CheckQuantized(*output, "output"));
  if (input->type == DType::kInt16) {
    TFH_ENSURE(input->zero_point() == 0 && output->zero_point() == 0,
               "int16 zero points must be 0, got %d and %d", input->zero_point(),
               output->zero_point());
  }
  auto& p = data->params;
  const double real_multiplier =
      static_cast<double>(input->scale()) / static_cast<double>(output->scale());
  QuantizeMultiplier(real_multiplier, &p.multiplier, &p.shift);
  TFH_ENSURE(p.shift <= 31, "input scale %g is too large for output scale %g", input->scale(),
             output->scale());
  p.input_zero_point = input->zero_point();
  p.output_zero_point = output->zero_point();
  p.act_min = std::max(TypeMin(input->type), output->zero_point());
  p.act_max = TypeMax(input->type);
  return Status::Ok();
}

// TFLM's FloatToQuantizedType: round(value / scale) + zero point, clamped to the type. A
// value beyond int32 converts to INT32_MIN on the x86-64 build the oracle runs.
int32_t QuantizeClamped(float value, float scale, int32_t zero_point, DType type) {
  const double q = std::round(value / scale) + zero_point;
  const bool fits = q >= -2147483648.0 && q < 2147483648.0;
  const int32_t result = fits ? static_cast<int32_t>(q) : std::numeric_limits<int32_t>::min();
  return std::min(std::max(result, TypeMin(type)), TypeMax(type));
}

Status Relu6Prepare(OpContext& context) {
  const Tensor* input;
  TFH_RETURN_IF_ERROR(PrepareCommon(context, &input));
  auto* data = context.make_data<Relu6Data>();
  data->size = input->num_elements();
  if (input->type == DType::kFloat32) return Status::Ok();
  data->zero = input->zero_point();
  data->six = QuantizeClamped(6.0f, input->scale(), input->zero_point(), input->type);
  return Status::Ok();
}

Status ReluEval(OpContext& context) {
  const auto* data = context.data<ReluData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  switch (input->type) {
    case DType::kFloat32:
      reference::ReluFloat(data->size, input->as<float>(), output->as<float>());
      break;
    case DType::kInt8:
      reference::ReluQuantized(data->params, data->size, input->as<int8_t>(),
                               output->as<int8_t>());
      break;
    default:
      reference::ReluQuantized(data->params, data->size, input->as<int16_t>(),
                               output->as<int16_t>());
  }
  return Status::Ok();
}

Status Relu6Eval(OpContext& context) {
  const auto* data = context.data<Relu6Data>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  switch (input->type) {
    case DType::kFloat32:
      reference::Relu6Float(data->size, input->as<float>(), output->as<float>());
      break;
    case DType::kInt8:
      reference::Relu6Quantized(static_cast<int8_t>(data->zero), static_cast<int8_t>(data->six),
                                data->size, input->as<int8_t>(), output->as<int8_t>());
      break;
    default:
      reference::Relu6Quantized(static_cast<int16_t>(data->zero),
                                static_cast<int16_t>(data->six), data->size,
                                input->as<int16_t>(), output->as<int16_t>());
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"RELU", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     ReluPrepare, ReluEval});
TFH_REGISTER_KERNEL({"RELU6", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Relu6Prepare, Relu6Eval});

}  // namespace tflm_host
