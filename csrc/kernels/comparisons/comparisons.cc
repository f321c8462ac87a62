// EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL with a bool output and
// broadcasting up to 6-D (TFLM's comparisons.cc). Types as TFLM's Eval switches: float32,
// int32, int64 and quantized int8 for all; bool for (NOT_)EQUAL. TFLM's GREATER also takes
// int16, but the oracle's Prepare leaves its rescaling unset (results depend on stale
// memory), so int16 is rejected here.
#include <functional>

#include "core/registry.h"
#include "kernels/common/binary_math.h"
#include "kernels/common/elementwise_util.h"
#include "kernels/common/prepare_util.h"
#include "reference/comparison.h"

namespace tflm_host {
namespace {

struct ComparisonData : OpData {
  reference::BroadcastPlan plan;
  reference::ComparisonQuantParams quant{};
};

// TFLM's QuantizeMultiplierSmallerThanOneExp aborts unless 0 < scale < 1.
Status ScaleMultiplier(const Tensor& input, const char* what, int32_t* multiplier, int* shift) {
  TFH_RETURN_IF_ERROR(CheckQuantized(input, what));
  TFH_ENSURE(input.scale() < 1.0f, "%s scale %g must be below 1 for a quantized comparison",
             what, input.scale());
  QuantizeMultiplier(static_cast<double>(input.scale()), multiplier, shift);
  return Status::Ok();
}

template <const char* kOp, DType... kTypes>
Status Prepare(OpContext& context) {
  const Tensor *input1, *input2;
  auto* data = context.make_data<ComparisonData>();
  TFH_RETURN_IF_ERROR(PrepareBinaryMath(context, kOp, {kTypes...}, kMaxBinaryRank, &input1,
                                        &input2, &data->plan));
  TFH_RETURN_IF_ERROR(CheckType(*context.output(0), DType::kBool, "output"));
  if (input1->type != DType::kInt8) return Status::Ok();
  auto& p = data->quant;
  p.left_shift = 8;
  p.input1_offset = -input1->zero_point();
  p.input2_offset = -input2->zero_point();
  TFH_RETURN_IF_ERROR(ScaleMultiplier(*input1, "input 1", &p.input1_multiplier, &p.input1_shift));
  return ScaleMultiplier(*input2, "input 2", &p.input2_multiplier, &p.input2_shift);
}

template <typename T, typename Fn>
void ComparePlain(const ComparisonData& data, const Tensor& a, const Tensor& b, Tensor* out) {
  reference::BroadcastBinary(data.plan, a.as<T>(), b.as<T>(), out->as<bool>(), Fn{});
}

template <typename T, typename Fn>
void CompareQuantized(const ComparisonData& data, const Tensor& a, const Tensor& b, Tensor* out) {
  const reference::QuantizedComparison<T, Fn> compare{data.quant, Fn{}};
  reference::BroadcastBinary(data.plan, a.as<T>(), b.as<T>(), out->as<bool>(), compare);
}

// Compare is a std:: comparison functor template (std::less, std::equal_to, ...).
template <template <typename> class Compare>
Status Eval(OpContext& context) {
  const auto& data = *context.data<ComparisonData>();
  const Tensor& a = *context.input(0);
  const Tensor& b = *context.input(1);
  Tensor* out = context.output(0);
  switch (a.type) {
    case DType::kBool: ComparePlain<bool, Compare<bool>>(data, a, b, out); break;
    case DType::kFloat32: ComparePlain<float, Compare<float>>(data, a, b, out); break;
    case DType::kInt32: ComparePlain<int32_t, Compare<int32_t>>(data, a, b, out); break;
    case DType::kInt64: ComparePlain<int64_t, Compare<int64_t>>(data, a, b, out); break;
    default: CompareQuantized<int8_t, Compare<int32_t>>(data, a, b, out); break;
  }
  return Status::Ok();
}

constexpr char kEqual[] = "EQUAL";
constexpr char kNotEqual[] = "NOT_EQUAL";
constexpr char kLess[] = "LESS";
constexpr char kLessEqual[] = "LESS_EQUAL";
constexpr char kGreater[] = "GREATER";
constexpr char kGreaterEqual[] = "GREATER_EQUAL";

}  // namespace

#define TFH_COMPARISON_TYPES DType::kFloat32, DType::kInt32, DType::kInt64, DType::kInt8
TFH_REGISTER_KERNEL({kEqual, "reference", {DType::kBool, TFH_COMPARISON_TYPES},
                     Prepare<kEqual, DType::kBool, TFH_COMPARISON_TYPES>, Eval<std::equal_to>});
TFH_REGISTER_KERNEL({kNotEqual, "reference", {DType::kBool, TFH_COMPARISON_TYPES},
                     Prepare<kNotEqual, DType::kBool, TFH_COMPARISON_TYPES>,
                     Eval<std::not_equal_to>});
TFH_REGISTER_KERNEL({kLess, "reference", {TFH_COMPARISON_TYPES},
                     Prepare<kLess, TFH_COMPARISON_TYPES>, Eval<std::less>});
TFH_REGISTER_KERNEL({kLessEqual, "reference", {TFH_COMPARISON_TYPES},
                     Prepare<kLessEqual, TFH_COMPARISON_TYPES>, Eval<std::less_equal>});
TFH_REGISTER_KERNEL({kGreater, "reference", {TFH_COMPARISON_TYPES},
                     Prepare<kGreater, TFH_COMPARISON_TYPES>, Eval<std::greater>});
TFH_REGISTER_KERNEL({kGreaterEqual, "reference", {TFH_COMPARISON_TYPES},
                     Prepare<kGreaterEqual, TFH_COMPARISON_TYPES>, Eval<std::greater_equal>});
#undef TFH_COMPARISON_TYPES

}  // namespace tflm_host
