// BROADCAST_TO: the input repeated along its size-1 (or missing leading) dimensions to the
// shape given by a constant int32/int64 shape input, up to 5-D, any fixed-size type, as TFLM
// (which reads int64 shape values through int32).
#include "core/registry.h"
#include "kernels/common/shape_util.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"
#include "reference/broadcast.h"

namespace tflm_host {
namespace {

constexpr int kMaxDims = 5;
static_assert(kMaxDims <= reference::kMaxBroadcastLoops, "plans need a loop per dim");

struct BroadcastToData : OpData {
  reference::BroadcastPlan plan;
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *input, *shape;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &shape));
  const Tensor* output = context.output(0);
  TFH_ENSURE(ElementBytes(input->type) > 0, "type %s is not supported", DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  TFH_ENSURE(shape->type == DType::kInt32 || shape->type == DType::kInt64,
             "shape must be INT32 or INT64, got %s", DTypeName(shape->type));
  TFH_ENSURE(shape->rank() == 1, "shape must be a vector, it has rank %d", shape->rank());
  const int rank = output->rank();
  TFH_ENSURE(shape->dim(0) == rank, "shape holds %d values for an output of rank %d",
             shape->dim(0), rank);
  TFH_ENSURE(input->rank() <= rank, "input rank %d exceeds the output's %d", input->rank(), rank);
  TFH_ENSURE(rank <= kMaxDims, "rank %d exceeds %d", rank, kMaxDims);
  std::vector<int64_t> values;
  TFH_RETURN_IF_ERROR(ReadConstantIntegers(*shape, "shape", &values));
  std::vector<int32_t> target(values.begin(), values.end());  // TFLM's int32 view
  TFH_RETURN_IF_ERROR(CheckDims(output->dims, target, "output"));
  const std::vector<int32_t> extended = reference::ExtendShape(input->dims, rank);
  for (int d = 0; d < rank; ++d)
    TFH_ENSURE(extended[d] == 1 || extended[d] == target[d],
               "input dimension %d (%d) does not broadcast to %d", d - (rank - input->rank()),
               extended[d], target[d]);
  auto* data = context.make_data<BroadcastToData>();
  if (output->num_elements() > 0)
    data->plan = reference::MakeBroadcastPlan(extended, extended, output->dims);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  if (output->num_elements() == 0) return Status::Ok();
  const auto& plan = context.data<BroadcastToData>()->plan;
  DispatchByElementSize(input->type, [&](auto storage) {
    using S = decltype(storage);
    const S* in = input->as<S>();
    reference::BroadcastBinary(plan, in, in, output->as<S>(), [](S a, S) { return a; });
  });
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"BROADCAST_TO", "reference", {}, Prepare, Eval});

}  // namespace tflm_host
