// GATHER on float32 and int8 with int32 indices, `axis` and `batch_dims` (negative values
// count from the end), as TFLM. TFLM computes the output shape in Prepare; here the model's
// static output shape must equal it. An index outside the axis fails the invoke, as in TFLM.
#include "core/registry.h"
#include "kernels/common/shape_util.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"
#include "reference/gather.h"

namespace tflm_host {
namespace {

struct GatherData : OpData {
  reference::GatherParams params{};
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *input, *coords;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &coords));
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(*coords, DType::kInt32, "indices"));
  TFH_ENSURE(input->type == DType::kFloat32 || input->type == DType::kInt8,
             "type %s is not supported", DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  int axis = 0;
  TFH_RETURN_IF_ERROR(ResolveAxis(context.options().get_int("axis", 0), input->rank(), "axis",
                                  &axis));
  int64_t batch_dims = context.options().get_int("batch_dims", 0);
  if (batch_dims < 0) batch_dims += coords->rank();
  TFH_ENSURE(batch_dims >= 0 && batch_dims <= axis && batch_dims < input->rank() &&
                 batch_dims <= coords->rank(),
             "batch_dims %lld must lie in [0, min(axis %d, indices rank %d)]",
             static_cast<long long>(context.options().get_int("batch_dims", 0)), axis,
             coords->rank());
  const int batch = static_cast<int>(batch_dims);
  for (int d = 0; d < batch; ++d)
    TFH_ENSURE(input->dim(d) == coords->dim(d),
               "batch dimension %d is %d in the input, %d in the indices", d, input->dim(d),
               coords->dim(d));

  std::vector<int32_t> expected(input->dims.begin(), input->dims.begin() + axis);
  expected.insert(expected.end(), coords->dims.begin() + batch, coords->dims.end());
  expected.insert(expected.end(), input->dims.begin() + axis + 1, input->dims.end());
  TFH_RETURN_IF_ERROR(CheckDims(output->dims, expected, "output"));
  auto* data = context.make_data<GatherData>();
  data->params = {FlatSize(input->dims, 0, batch), FlatSize(input->dims, batch, axis),
                  input->dim(axis), FlatSize(input->dims, axis + 1, input->rank()),
                  FlatSize(coords->dims, batch, coords->rank())};
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const Tensor* input = context.input(0);
  if (!reference::Gather(context.data<GatherData>()->params, ElementBytes(input->type),
                         input->data, context.input(1)->as<int32_t>(), context.output(0)->data))
    return Status::Error(StatusCode::kRuntime, "an index is outside the gathered axis");
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"GATHER", "reference", {DType::kFloat32, DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
