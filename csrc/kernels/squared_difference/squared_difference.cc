// SQUARED_DIFFERENCE: float32, int32, int8 and int16 with broadcasting up to 4-D (TFLM's
// squared_difference.cc). Quantized inputs get a common scale of 2 x the larger input scale.
#include <algorithm>
#include <limits>

#include "core/registry.h"
#include "kernels/common/binary_math.h"
#include "kernels/common/prepare_util.h"
#include "reference/squared_difference.h"

namespace tflm_host {
namespace {

struct SquaredDifferenceData : OpData {
  reference::BroadcastPlan plan;
  reference::SquaredDifferenceQuantParams quant{};
};

template <typename T>
Status PrepareQuantized(const Tensor& input1, const Tensor& input2, const Tensor& output,
                        reference::SquaredDifferenceQuantParams* p) {
  for (const Tensor* t : {&input1, &input2, &output}) {
    TFH_RETURN_IF_ERROR(CheckQuantized(*t, "SQUARED_DIFFERENCE tensor"));
  }
  const bool is_int8 = sizeof(T) == 1;
  for (const Tensor* t : {&input1, &input2, &output}) {
    if (is_int8) {
      TFH_ENSURE(t->zero_point() >= -128 && t->zero_point() <= 127,
                 "int8 zero point %d is out of range", t->zero_point());
    } else {
      TFH_ENSURE(t->zero_point() == 0, "int16 zero points must be 0, got %d", t->zero_point());
    }
  }
  // Headroom so that the squared, shifted difference of two 8-bit values fits int32.
  p->left_shift = is_int8 ? 7 : 0;
  p->input1_offset = -input1.zero_point();
  p->input2_offset = -input2.zero_point();
  p->output_offset = output.zero_point();
  const double twice_max_scale = 2.0 * static_cast<double>(std::max(input1.scale(), input2.scale()));
  QuantizeMultiplier(static_cast<double>(input1.scale()) / twice_max_scale, &p->input1_multiplier,
                     &p->input1_shift);
  QuantizeMultiplier(static_cast<double>(input2.scale()) / twice_max_scale, &p->input2_multiplier,
                     &p->input2_shift);
  // TFLM multiplies the power of two by the output scale in float.
  const float shifted_output_scale = static_cast<float>(1 << (p->left_shift * 2)) * output.scale();
  QuantizeMultiplier(twice_max_scale * twice_max_scale / static_cast<double>(shifted_output_scale),
                     &p->output_multiplier, &p->output_shift);
  TFH_ENSURE(p->output_shift <= 31, "output scale %g is too small for the input scales",
             output.scale());
  p->output_min = std::numeric_limits<T>::min();
  p->output_max = std::numeric_limits<T>::max();
  return Status::Ok();
}

Status Prepare(OpContext& context) {
  const Tensor *input1, *input2;
  auto* data = context.make_data<SquaredDifferenceData>();
  TFH_RETURN_IF_ERROR(PrepareBinaryMath(
      context, "SQUARED_DIFFERENCE", {DType::kFloat32, DType::kInt32, DType::kInt8, DType::kInt16},
      kMaxBroadcastRank4D, &input1, &input2, &data->plan));
  const Tensor& output = *context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(output, input1->type, "output"));
  if (input1->type == DType::kInt8) {
    return PrepareQuantized<int8_t>(*input1, *input2, output, &data->quant);
  }
  if (input1->type == DType::kInt16) {
    return PrepareQuantized<int16_t>(*input1, *input2, output, &data->quant);
  }
  return Status::Ok();
}

template <typename T>
void EvalQuantized(const SquaredDifferenceData& data, const Tensor& a, const Tensor& b,
                   Tensor* out) {
  const auto& p = data.quant;
  reference::BroadcastBinary(data.plan, a.as<T>(), b.as<T>(), out->as<T>(), [&p](T x, T y) {
    return reference::SquaredDifferenceQuantized(x, y, p);
  });
}

template <typename T>
void EvalPlain(const SquaredDifferenceData& data, const Tensor& a, const Tensor& b, Tensor* out) {
  reference::BroadcastBinary(data.plan, a.as<T>(), b.as<T>(), out->as<T>(),
                             [](T x, T y) { return reference::SquaredDifference(x, y); });
}

Status Eval(OpContext& context) {
  const auto& data = *context.data<SquaredDifferenceData>();
  const Tensor& a = *context.input(0);
  const Tensor& b = *context.input(1);
  Tensor* out = context.output(0);
  switch (a.type) {
    case DType::kFloat32: EvalPlain<float>(data, a, b, out); break;
    case DType::kInt32: EvalPlain<int32_t>(data, a, b, out); break;
    case DType::kInt8: EvalQuantized<int8_t>(data, a, b, out); break;
    default: EvalQuantized<int16_t>(data, a, b, out); break;
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SQUARED_DIFFERENCE", "reference",
                     {DType::kFloat32, DType::kInt32, DType::kInt8, DType::kInt16}, Prepare,
                     Eval});

}  // namespace tflm_host
