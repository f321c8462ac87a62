// LOGICAL_AND and LOGICAL_OR (broadcasting up to 4-D) and LOGICAL_NOT, on bool tensors only
// (TFLM's logical.cc / elementwise.cc reinterpret any other type's bytes as bools).
#include "core/registry.h"
#include "kernels/common/binary_math.h"
#include "kernels/common/elementwise_unary.h"

namespace tflm_host {
namespace {

template <const char* kOp>
Status PrepareBinary(OpContext& context) {
  return PrepareSameTypeBinary(context, kOp, {DType::kBool}, kMaxBroadcastRank4D);
}

template <bool kIsAnd>
Status EvalBinary(OpContext& context) {
  reference::BroadcastBinary(context.data<BroadcastPlanData>()->plan, context.input(0)->as<bool>(),
                             context.input(1)->as<bool>(), context.output(0)->as<bool>(),
                             [](bool a, bool b) { return kIsAnd ? (a && b) : (a || b); });
  return Status::Ok();
}

Status PrepareNot(OpContext& context) {
  const Tensor* input;
  Tensor* output;
  return GetUnaryOperands(context, "LOGICAL_NOT", {DType::kBool}, &input, &output);
}

Status EvalNot(OpContext& context) {
  const Tensor& input = *context.input(0);
  reference::MapElements(input.as<bool>(), context.output(0)->as<bool>(), input.num_elements(),
                         [](bool x) { return !x; });
  return Status::Ok();
}

constexpr char kAnd[] = "LOGICAL_AND";
constexpr char kOr[] = "LOGICAL_OR";

}  // namespace

TFH_REGISTER_KERNEL({kAnd, "reference", {DType::kBool}, PrepareBinary<kAnd>, EvalBinary<true>});
TFH_REGISTER_KERNEL({kOr, "reference", {DType::kBool}, PrepareBinary<kOr>, EvalBinary<false>});
TFH_REGISTER_KERNEL({"LOGICAL_NOT", "reference", {DType::kBool}, PrepareNot, EvalNot});

}  // namespace tflm_host
