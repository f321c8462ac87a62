// PRELU on float32 and int8 with a broadcast alpha (TFLM's prelu.cc / prelu_common.cc).
#include "core/registry.h"
#include "kernels/common/elementwise_util.h"
#include "kernels/common/prepare_util.h"
#include "reference/prelu.h"

namespace tflm_host {
namespace {

// TFLM's broadcast loop is 4-D (BroadcastPrelu4DSlow).
constexpr int kMaxPreluRank = 4;

struct PreluData : OpData {
  reference::BroadcastPlan plan;
  reference::PreluQuantParams params{};
};

Status Prepare(OpContext& context) {
  const Tensor *input, *alpha;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetBinaryOperands(context, &input, &alpha, &output));
  TFH_ENSURE(input->type == DType::kFloat32 || input->type == DType::kInt8,
             "input type %s is not supported (float32 or int8)", DTypeName(input->type));
  TFH_ENSURE(input->rank() <= kMaxPreluRank && alpha->rank() <= kMaxPreluRank &&
                 output->rank() <= kMaxPreluRank,
             "PRELU tensors may have at most %d dimensions", kMaxPreluRank);
  auto* data = context.make_data<PreluData>();
  TFH_RETURN_IF_ERROR(PrepareBroadcast(*input, *alpha, *output, &data->plan));
  if (input->type == DType::kFloat32) return Status::Ok();

  TFH_RETURN_IF_ERROR(CheckQuantized(*input, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(*alpha, "alpha"));
  TFH_RETURN_IF_ERROR(CheckQuantized(*output, "output"));
  auto& p = data->params;
  const double input_scale = input->scale(), output_scale = output->scale();
  QuantizeMultiplier(input_scale / output_scale, &p.identity_multiplier, &p.identity_shift);
  QuantizeMultiplier(input_scale * static_cast<double>(alpha->scale()) / output_scale,
                     &p.alpha_multiplier, &p.alpha_shift);
  p.input_offset = -input->zero_point();
  p.alpha_offset = -alpha->zero_point();
  p.output_offset = output->zero_point();
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<PreluData>();
  const Tensor* input = context.input(0);
  const Tensor* alpha = context.input(1);
  Tensor* output = context.output(0);
  if (input->type == DType::kFloat32) {
    reference::PreluFloat(data->plan, input->as<float>(), alpha->as<float>(),
                          output->as<float>());
  } else {
    reference::PreluQuantized(data->plan, data->params, input->as<int8_t>(),
                              alpha->as<int8_t>(), output->as<int8_t>());
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"PRELU", "reference", {DType::kFloat32, DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
