// DEQUANTIZE: int8, int16 or uint8 to float32 with the input's (first) scale and zero point.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "reference/dequantize.h"

namespace tflm_host {
namespace {

struct DequantizeData : OpData {
  double scale = 0.0;
  int32_t zero_point = 0;
  int64_t size = 0;
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  TFH_ENSURE(input->type == DType::kInt8 || input->type == DType::kInt16 ||
                 input->type == DType::kUInt8,
             "input must be INT8, INT16 or UINT8, got %s", DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckType(*output, DType::kFloat32, "output"));
  TFH_ENSURE(input->num_elements() == output->num_elements(),
             "output has %lld elements, the input %lld",
             static_cast<long long>(output->num_elements()),
             static_cast<long long>(input->num_elements()));
  auto* data = context.make_data<DequantizeData>();
  data->scale = static_cast<double>(input->scale());
  data->zero_point = input->zero_point();
  data->size = input->num_elements();
  return Status::Ok();
}

template <typename In>
void Run(const DequantizeData& data, const Tensor& input, Tensor& output) {
  reference::Dequantize(data.scale, data.zero_point, data.size, input.as<In>(),
                        output.as<float>());
}

Status Eval(OpContext& context) {
  const auto& data = *context.data<DequantizeData>();
  const Tensor& input = *context.input(0);
  Tensor& output = *context.output(0);
  switch (input.type) {
    case DType::kInt8: Run<int8_t>(data, input, output); break;
    case DType::kInt16: Run<int16_t>(data, input, output); break;
    default: Run<uint8_t>(data, input, output); break;
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"DEQUANTIZE", "reference", {DType::kInt8, DType::kInt16, DType::kUInt8},
                     Prepare, Eval});

}  // namespace tflm_host
