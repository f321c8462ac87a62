// GATHER_ND on float32 and int8 params with int32 indices whose last dimension (at most 5)
// indexes the leading params dimensions, as TFLM. The output shape is
// indices.shape[:-1] + params.shape[depth:], which the model's static shape must equal. A
// slice outside params fails the invoke (TFLM checks the flat position only).
#include "core/registry.h"
#include "kernels/common/shape_util.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"
#include "reference/gather.h"

namespace tflm_host {
namespace {

struct GatherNdData : OpData {
  reference::GatherNdParams params{};
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *params, *indices;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &params));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &indices));
  const Tensor* output = context.output(0);
  TFH_ENSURE(params->type == DType::kFloat32 || params->type == DType::kInt8,
             "type %s is not supported", DTypeName(params->type));
  TFH_RETURN_IF_ERROR(CheckType(*indices, DType::kInt32, "indices"));
  TFH_RETURN_IF_ERROR(CheckType(*output, params->type, "output"));
  TFH_ENSURE(params->rank() >= 1, "params must be at least a vector");
  TFH_ENSURE(indices->rank() >= 1, "indices must be at least a vector");
  const int depth = indices->dim(indices->rank() - 1);
  TFH_ENSURE(depth <= params->rank(), "index depth %d exceeds the params rank %d", depth,
             params->rank());
  TFH_ENSURE(depth <= reference::kGatherNdMaxIndexDepth, "index depth %d exceeds %d", depth,
             reference::kGatherNdMaxIndexDepth);

  std::vector<int32_t> expected(indices->dims.begin(), indices->dims.end() - 1);
  expected.insert(expected.end(), params->dims.begin() + depth, params->dims.end());
  TFH_RETURN_IF_ERROR(CheckDims(output->dims, expected, "output"));
  auto* data = context.make_data<GatherNdData>();
  reference::GatherNdParams& p = data->params;
  p.slices = FlatSize(indices->dims, 0, indices->rank() - 1);
  p.slice_size = FlatSize(params->dims, depth, params->rank());
  p.params_size = params->num_elements();
  p.depth = depth;
  for (int d = 0; d < depth; ++d) p.strides[d] = FlatSize(params->dims, d + 1, params->rank());
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const Tensor* params = context.input(0);
  if (!reference::GatherNd(context.data<GatherNdData>()->params, ElementBytes(params->type),
                           params->data, context.input(1)->as<int32_t>(),
                           context.output(0)->data))
    return Status::Error(StatusCode::kRuntime, "an index selects a slice outside params");
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"GATHER_ND", "reference", {DType::kFloat32, DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
