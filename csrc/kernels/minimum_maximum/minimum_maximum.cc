// MINIMUM and MAXIMUM with broadcasting on float32, int8, int16, int32 and int64, as TFLM's
// MaximumMinimumBroadcastSlow: `a < b ? a : b` (`a > b ? a : b`), so a NaN in the first
// input yields the second. TFLM has no Prepare for them; the checks here keep Eval in bounds.
#include "core/registry.h"
#include "kernels/common/elementwise_util.h"
#include "kernels/common/prepare_util.h"

namespace tflm_host {
namespace {

struct MinMaxData : OpData {
  reference::BroadcastPlan plan;
};

Status Prepare(OpContext& context) {
  const Tensor *input1, *input2;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetBinaryOperands(context, &input1, &input2, &output));
  TFH_ENSURE(output->type == DType::kFloat32 || output->type == DType::kInt8 ||
                 output->type == DType::kInt16 || output->type == DType::kInt32 ||
                 output->type == DType::kInt64,
             "%s is not supported", DTypeName(output->type));
  return PrepareBroadcast(*input1, *input2, *output, &context.make_data<MinMaxData>()->plan);
}

template <typename T, bool kMaximum>
void Run(OpContext& context) {
  reference::BroadcastBinary(context.data<MinMaxData>()->plan, context.input(0)->as<T>(),
                             context.input(1)->as<T>(), context.output(0)->as<T>(),
                             [](T a, T b) {
                               if constexpr (kMaximum) return a > b ? a : b;
                               else return a < b ? a : b;
                             });
}

template <bool kMaximum>
Status Eval(OpContext& context) {
  switch (context.output(0)->type) {
    case DType::kFloat32: Run<float, kMaximum>(context); break;
    case DType::kInt8: Run<int8_t, kMaximum>(context); break;
    case DType::kInt16: Run<int16_t, kMaximum>(context); break;
    case DType::kInt32: Run<int32_t, kMaximum>(context); break;
    default: Run<int64_t, kMaximum>(context); break;
  }
  return Status::Ok();
}

const std::vector<DType> kTypes = {DType::kFloat32, DType::kInt8, DType::kInt16, DType::kInt32,
                                   DType::kInt64};

}  // namespace

TFH_REGISTER_KERNEL({"MINIMUM", "reference", kTypes, Prepare, Eval<false>});
TFH_REGISTER_KERNEL({"MAXIMUM", "reference", kTypes, Prepare, Eval<true>});

}  // namespace tflm_host
