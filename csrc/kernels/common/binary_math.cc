#include "kernels/common/binary_math.h"

#include <algorithm>

#include "kernels/common/elementwise_unary.h"
#include "kernels/common/elementwise_util.h"
#include "kernels/common/prepare_util.h"

namespace tflm_host {

Status PrepareBinaryMath(const OpContext& context, const char* op,
                         std::initializer_list<DType> supported, int max_broadcast_rank,
                         const Tensor** input1, const Tensor** input2,
                         reference::BroadcastPlan* plan) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, input1));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, input2));
  TFH_RETURN_IF_ERROR(CheckSupportedType(op, (*input1)->type, supported));
  TFH_RETURN_IF_ERROR(CheckType(**input2, (*input1)->type, "input 2"));
  if (!SameShape(**input1, **input2)) {
    const int rank = std::max((*input1)->rank(), (*input2)->rank());
    TFH_ENSURE(rank <= max_broadcast_rank,
               "%s broadcasts inputs of at most %d dimensions, got %d", op, max_broadcast_rank,
               rank);
  }
  return PrepareBroadcast(**input1, **input2, *context.output(0), plan);
}

Status PrepareSameTypeBinary(OpContext& context, const char* op,
                             std::initializer_list<DType> supported, int max_broadcast_rank) {
  const Tensor *input1, *input2;
  auto* data = context.make_data<BroadcastPlanData>();
  TFH_RETURN_IF_ERROR(PrepareBinaryMath(context, op, supported, max_broadcast_rank, &input1,
                                        &input2, &data->plan));
  return CheckType(*context.output(0), input1->type, "output");
}

}  // namespace tflm_host
