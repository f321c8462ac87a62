#include "kernels/common/elementwise_util.h"

#include <algorithm>
#include <limits>
#include <string>

#include "kernels/common/prepare_util.h"

namespace tflm_host {
namespace {

std::string ShapeText(const std::vector<int32_t>& dims) {
  std::string text = "[";
  for (size_t i = 0; i < dims.size(); ++i) text += (i ? "," : "") + std::to_string(dims[i]);
  return text + "]";
}

// A multiplier TFLM's QuantizeMultiplierSmallerThanOneExp accepts (it aborts otherwise).
Status QuantizeSmallerThanOne(double real, const char* what, int32_t* multiplier, int* shift) {
  TFH_ENSURE(real > 0.0 && real < 1.0,
             "%s rescale factor %g must lie in (0, 1); the tensor scales are out of proportion",
             what, real);
  QuantizeMultiplier(real, multiplier, shift);
  return Status::Ok();
}

}  // namespace

Status GetBinaryOperands(const OpContext& context, const Tensor** input1, const Tensor** input2,
                         Tensor** output) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, input1));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, input2));
  *output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(**input2, (*input1)->type, "input 2"));
  TFH_RETURN_IF_ERROR(CheckType(**output, (*input1)->type, "output"));
  return Status::Ok();
}

Status PrepareBroadcast(const Tensor& input1, const Tensor& input2, const Tensor& output,
                        reference::BroadcastPlan* plan) {
  const int rank = std::max({input1.rank(), input2.rank(), output.rank()});
  TFH_ENSURE(rank <= kMaxBinaryRank, "tensors of rank %d exceed the supported %d dimensions",
             rank, kMaxBinaryRank);
  if (SameShape(input1, input2)) {  // TFLM's elementwise path: only the sizes must match
    TFH_ENSURE(output.num_elements() == input1.num_elements(),
               "output %s does not match the inputs' shape %s", ShapeText(output.dims).c_str(),
               ShapeText(input1.dims).c_str());
    const std::vector<int32_t> flat = {static_cast<int32_t>(input1.num_elements())};
    *plan = reference::MakeBroadcastPlan(flat, flat, flat);
    return Status::Ok();
  }
  const auto a = reference::ExtendShape(input1.dims, rank);
  const auto b = reference::ExtendShape(input2.dims, rank);
  const auto out = reference::ExtendShape(output.dims, rank);
  for (int d = 0; d < rank; ++d) {
    TFH_ENSURE(a[d] == b[d] || a[d] == 1 || b[d] == 1, "shapes %s and %s do not broadcast",
               ShapeText(input1.dims).c_str(), ShapeText(input2.dims).c_str());
    TFH_ENSURE(out[d] == (a[d] == 1 ? b[d] : a[d]),
               "output %s is not the broadcast shape of %s and %s",
               ShapeText(output.dims).c_str(), ShapeText(input1.dims).c_str(),
               ShapeText(input2.dims).c_str());
  }
  *plan = reference::MakeBroadcastPlan(a, b, out);
  return Status::Ok();
}

void Int32ActivationRange(Activation activation, int32_t* act_min, int32_t* act_max) {
  *act_min = std::numeric_limits<int32_t>::lowest();
  *act_max = std::numeric_limits<int32_t>::max();
  if (activation == Activation::kRelu) {
    *act_min = 0;
  } else if (activation == Activation::kRelu6) {
    *act_min = 0;
    *act_max = 6;
  } else if (activation == Activation::kReluN1To1) {
    *act_min = -1;
    *act_max = 1;
  }
}

Status PrepareAddSubQuantization(const Tensor& input1, const Tensor& input2, const Tensor& output,
                                 Activation activation, reference::AddSubQuantParams* params) {
  TFH_RETURN_IF_ERROR(CheckQuantized(input1, "input 1"));
  TFH_RETURN_IF_ERROR(CheckQuantized(input2, "input 2"));
  TFH_RETURN_IF_ERROR(CheckQuantized(output, "output"));
  auto& p = *params;
  p.left_shift = output.type == DType::kInt16 ? 15 : 20;
  const double s1 = input1.scale(), s2 = input2.scale(), so = output.scale();
  const double twice_max = 2 * std::max(s1, s2);
  const double real1 = s1 / twice_max, real2 = s2 / twice_max;
  const double real_out = twice_max / ((1 << p.left_shift) * so);
  TFH_RETURN_IF_ERROR(
      QuantizeSmallerThanOne(real1, "input 1", &p.input1_multiplier, &p.input1_shift));
  TFH_RETURN_IF_ERROR(
      QuantizeSmallerThanOne(real2, "input 2", &p.input2_multiplier, &p.input2_shift));
  TFH_RETURN_IF_ERROR(
      QuantizeSmallerThanOne(real_out, "output", &p.output_multiplier, &p.output_shift));
  p.input1_offset = -input1.zero_point();
  p.input2_offset = -input2.zero_point();
  p.output_offset = output.zero_point();
  QuantizedActivationRange(activation, output, &p.act_min, &p.act_max);
  return Status::Ok();
}

}  // namespace tflm_host
