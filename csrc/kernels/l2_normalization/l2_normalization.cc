// L2_NORMALIZATION over the last dimension of an input of rank 1 to 4: float32, and int8
// whose output is implicitly in steps of 1/128 (TFLM's l2norm.cc ignores the output
// quantization). No fused activation, as in TFLM.
#include "core/registry.h"
#include "kernels/common/elementwise_unary.h"
#include "kernels/common/prepare_util.h"
#include "reference/l2_normalization.h"

namespace tflm_host {
namespace {

struct L2NormData : OpData {
  int64_t rows = 0, depth = 0;
  int32_t input_zero_point = 0;
};

Status Prepare(OpContext& context) {
  const Tensor* input;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetUnaryOperands(context, "L2_NORMALIZATION",
                                       {DType::kFloat32, DType::kInt8}, &input, &output));
  TFH_ENSURE(input->rank() >= 1 && input->rank() <= 4,
             "L2_NORMALIZATION supports inputs of 1 to 4 dimensions, got %d", input->rank());
  TFH_ENSURE(FusedActivation(context) == Activation::kNone,
             "L2_NORMALIZATION supports no fused activation");
  auto* data = context.make_data<L2NormData>();
  data->depth = input->dim(input->rank() - 1);
  data->rows = data->depth > 0 ? input->num_elements() / data->depth : 0;
  data->input_zero_point = input->type == DType::kInt8 ? input->zero_point() : 0;
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto& data = *context.data<L2NormData>();
  const Tensor& input = *context.input(0);
  Tensor* output = context.output(0);
  if (input.type == DType::kFloat32) {
    reference::L2NormalizationFloat(data.rows, data.depth, input.as<float>(), output->as<float>());
  } else {
    reference::L2NormalizationInt8(data.input_zero_point, data.rows, data.depth,
                                   input.as<int8_t>(), output->as<int8_t>());
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"L2_NORMALIZATION", "reference", {DType::kFloat32, DType::kInt8}, Prepare,
                     Eval});

}  // namespace tflm_host
