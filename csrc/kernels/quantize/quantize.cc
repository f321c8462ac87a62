// QUANTIZE: float32 -> int8/int16 quantization, and requantization between integer types
// (the pairs TFLM's kernel runs). Prepare rejects the pairs TFLM would only fail at run time.
#include <cmath>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "reference/quantize.h"

namespace tflm_host {
namespace {

struct QuantizeData : OpData {
  float output_scale = 0.0f;
  reference::RequantizeParams requantize{};
  int64_t size = 0;
};

bool SupportedPair(DType in, DType out) {
  switch (in) {
    case DType::kFloat32:
      return out == DType::kInt8 || out == DType::kInt16;
    case DType::kInt32:
      return out == DType::kInt8 || out == DType::kInt16;
    case DType::kInt16:
      return out == DType::kInt8 || out == DType::kInt16 || out == DType::kInt32;
    case DType::kInt8:
      return out == DType::kInt8 || out == DType::kUInt8 || out == DType::kInt16 ||
             out == DType::kInt32;
    case DType::kUInt8:
      return out == DType::kInt8;
    default:
      return false;
  }
}

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  TFH_ENSURE(output->scales.size() == 1,
             "output must have one (per-tensor) scale, got %zu", output->scales.size());
  // Not a TFLM check: a zero or non-finite scale only yields garbage there.
  TFH_ENSURE(output->scale() > 0.0f && std::isfinite(output->scale()),
             "output scale must be positive and finite, got %g", output->scale());
  TFH_ENSURE(SupportedPair(input->type, output->type), "QUANTIZE from %s to %s is not supported",
             DTypeName(input->type), DTypeName(output->type));
  TFH_ENSURE(input->num_elements() == output->num_elements(),
             "output has %lld elements, the input %lld",
             static_cast<long long>(output->num_elements()),
             static_cast<long long>(input->num_elements()));

  auto* data = context.make_data<QuantizeData>();
  data->size = input->num_elements();
  data->output_scale = output->scale();
  auto& r = data->requantize;
  r.input_zero_point = input->zero_point();
  r.output_zero_point = output->zero_point();
  if (input->type != DType::kFloat32) {
    const double effective_scale =
        static_cast<double>(input->scale()) / static_cast<double>(output->scale());
    QuantizeMultiplier(effective_scale, &r.multiplier, &r.shift);
  }
  return Status::Ok();
}

template <typename In, typename Out>
void RunRequantize(const QuantizeData& data, const Tensor& input, Tensor& output) {
  reference::Requantize(data.requantize, data.size, input.as<In>(), output.as<Out>());
}

template <typename In>
void RequantizeFrom(const QuantizeData& data, const Tensor& input, Tensor& output) {
  switch (output.type) {
    case DType::kInt8: RunRequantize<In, int8_t>(data, input, output); break;
    case DType::kUInt8: RunRequantize<In, uint8_t>(data, input, output); break;
    case DType::kInt16: RunRequantize<In, int16_t>(data, input, output); break;
    default: RunRequantize<In, int32_t>(data, input, output); break;
  }
}

Status Eval(OpContext& context) {
  const auto& data = *context.data<QuantizeData>();
  const Tensor& input = *context.input(0);
  Tensor& output = *context.output(0);
  switch (input.type) {
    case DType::kFloat32:
      if (output.type == DType::kInt8) {
        reference::AffineQuantize(data.output_scale, data.requantize.output_zero_point, data.size,
                                  input.as<float>(), output.as<int8_t>());
      } else {
        reference::AffineQuantize(data.output_scale, data.requantize.output_zero_point, data.size,
                                  input.as<float>(), output.as<int16_t>());
      }
      break;
    case DType::kInt32: RequantizeFrom<int32_t>(data, input, output); break;
    case DType::kInt16: RequantizeFrom<int16_t>(data, input, output); break;
    case DType::kInt8: RequantizeFrom<int8_t>(data, input, output); break;
    default: RequantizeFrom<uint8_t>(data, input, output); break;
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"QUANTIZE", "reference",
                     {DType::kFloat32, DType::kInt32, DType::kInt16, DType::kInt8, DType::kUInt8},
                     Prepare, Eval});

}  // namespace tflm_host
