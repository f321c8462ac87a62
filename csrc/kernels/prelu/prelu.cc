// PRELU on float32, int8 and int16 with a broadcast alpha (TFLM's prelu.cc /
// prelu_common.cc); quantized alphas are int8 for both integer inputs.
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
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *input, *alpha;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &alpha));
  Tensor* output = context.output(0);
  TFH_ENSURE(input->type == DType::kFloat32 || input->type == DType::kInt8 ||
                 input->type == DType::kInt16,
             "input type %s is not supported (float32, int8 or int16)", DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  TFH_RETURN_IF_ERROR(CheckType(
      *alpha, input->type == DType::kFloat32 ? DType::kFloat32 : DType::kInt8, "alpha"));
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
  } else if (input->type == DType::kInt8) {
    reference::PreluQuantized(data->plan, data->params, input->as<int8_t>(),
                              alpha->as<int8_t>(), output->as<int8_t>());
  } else {
    reference::PreluQuantized(data->plan, data->params, input->as<int16_t>(),
                              alpha->as<int8_t>(), output->as<int16_t>());
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"PRELU", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval});

}  // namespace tflm_host
