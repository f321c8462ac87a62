// ELU: float32 (expm1 below 0), and int8 through a 256-entry table built in Prepare from the
// input and output quantization (TFLM's elu.cc).
#include <cmath>

#include "core/registry.h"
#include "kernels/common/elementwise_unary.h"
#include "kernels/common/prepare_util.h"
#include "reference/int8_lut.h"

namespace tflm_host {
namespace {

struct EluData : OpData {
  int8_t table[reference::kInt8LutSize] = {};
};

Status Prepare(OpContext& context) {
  const Tensor* input;
  Tensor* output;
  TFH_RETURN_IF_ERROR(
      GetUnaryOperands(context, "ELU", {DType::kFloat32, DType::kInt8}, &input, &output));
  auto* data = context.make_data<EluData>();
  if (input->type == DType::kFloat32) return Status::Ok();
  TFH_RETURN_IF_ERROR(CheckQuantized(*input, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(*output, "output"));
  // The table's transform is exp(x) - 1 in float, not the expm1 of the float kernel.
  reference::BuildInt8Lut(input->scale(), input->zero_point(), output->scale(),
                          output->zero_point(),
                          [](float x) { return x < 0.0f ? std::exp(x) - 1.0f : x; },
                          data->table);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const Tensor& input = *context.input(0);
  if (input.type == DType::kFloat32) return EvalFloatUnary<reference::Elu>(context);
  const int8_t* table = context.data<EluData>()->table;
  reference::MapElements(input.as<int8_t>(), context.output(0)->as<int8_t>(),
                         input.num_elements(),
                         [table](int8_t x) { return reference::LookupInt8Lut(x, table); });
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"ELU", "reference", {DType::kFloat32, DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
