// SELECT_V2: picks x where the bool condition holds, else y; x, y and the output float32,
// int8 or int16 (TFLM's select.cc), the three inputs broadcasting up to 5-D.
#include <algorithm>

#include "core/registry.h"
#include "kernels/common/elementwise_unary.h"
#include "kernels/common/prepare_util.h"
#include "reference/broadcast.h"
#include "reference/select.h"

namespace tflm_host {
namespace {

enum : int { kCondition = 0, kX = 1, kY = 2 };

struct SelectData : OpData {
  reference::SelectPlan plan{};
};

// Strides of `dims` (extended to the plan's rank) for walking `out`: 0 where it repeats.
Status InputStrides(const Tensor& input, const char* what, const std::vector<int32_t>& out,
                    int64_t* strides) {
  const auto dims = reference::ExtendShape(input.dims, reference::kMaxSelectRank);
  int64_t stride = 1;
  for (int d = reference::kMaxSelectRank - 1; d >= 0; --d) {
    TFH_ENSURE(dims[d] == out[d] || dims[d] == 1,
               "%s does not broadcast to the output shape (dimension %d: %d vs %d)", what, d,
               dims[d], out[d]);
    strides[d] = dims[d] == 1 ? 0 : stride;
    stride *= dims[d];
  }
  return Status::Ok();
}

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 3, 3, 1));
  const Tensor *condition, *x, *y;
  TFH_RETURN_IF_ERROR(RequireInput(context, kCondition, &condition));
  TFH_RETURN_IF_ERROR(RequireInput(context, kX, &x));
  TFH_RETURN_IF_ERROR(RequireInput(context, kY, &y));
  const Tensor& output = *context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(*condition, DType::kBool, "condition"));
  TFH_RETURN_IF_ERROR(
      CheckSupportedType("SELECT_V2", x->type, {DType::kFloat32, DType::kInt8, DType::kInt16}));
  TFH_RETURN_IF_ERROR(CheckType(*y, x->type, "y"));
  TFH_RETURN_IF_ERROR(CheckType(output, x->type, "output"));
  const int rank = std::max({condition->rank(), x->rank(), y->rank(), output.rank()});
  TFH_ENSURE(rank <= reference::kMaxSelectRank, "SELECT_V2 supports at most %d dimensions, got %d",
             reference::kMaxSelectRank, rank);
  // The output must be the broadcast shape: each dimension is some input's.
  const auto out = reference::ExtendShape(output.dims, reference::kMaxSelectRank);
  const auto c_dims = reference::ExtendShape(condition->dims, reference::kMaxSelectRank);
  const auto x_dims = reference::ExtendShape(x->dims, reference::kMaxSelectRank);
  const auto y_dims = reference::ExtendShape(y->dims, reference::kMaxSelectRank);
  for (int d = 0; d < reference::kMaxSelectRank; ++d) {
    const int32_t widest = std::max({1, c_dims[d], x_dims[d], y_dims[d]});
    TFH_ENSURE(out[d] == widest || (out[d] == 0 && widest <= 1),
               "output dimension %d is %d, the inputs broadcast to %d", d, out[d], widest);
  }
  auto* data = context.make_data<SelectData>();
  auto& plan = data->plan;
  for (int d = 0; d < reference::kMaxSelectRank; ++d) plan.extent[d] = out[d];
  TFH_RETURN_IF_ERROR(InputStrides(*condition, "condition", out, plan.condition_stride));
  TFH_RETURN_IF_ERROR(InputStrides(*x, "x", out, plan.x_stride));
  return InputStrides(*y, "y", out, plan.y_stride);
}

template <typename T>
void EvalTyped(const SelectData& data, OpContext& context) {
  reference::SelectBroadcast(data.plan, context.input(kCondition)->as<bool>(),
                             context.input(kX)->as<T>(), context.input(kY)->as<T>(),
                             context.output(0)->as<T>());
}

Status Eval(OpContext& context) {
  const auto& data = *context.data<SelectData>();
  switch (context.input(kX)->type) {
    case DType::kFloat32: EvalTyped<float>(data, context); break;
    case DType::kInt8: EvalTyped<int8_t>(data, context); break;
    default: EvalTyped<int16_t>(data, context); break;
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SELECT_V2", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval, nullptr, /*type_input=*/1});

}  // namespace tflm_host
