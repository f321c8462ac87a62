// ARG_MAX and ARG_MIN: float and int8 input (raw int8 values are compared, so quantization
// does not matter), an int32 axis and an int32 output, the only types TFLM's kernel accepts
// (it ignores output_type and fails its Eval on an int64 output). TFLM has no Prepare and
// reads the axis in Eval, so a non-constant axis is allowed and checked there.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/single_axis.h"
#include "reference/arg_min_max.h"

namespace tflm_host {
namespace {

struct ArgData : OpData {
  reference::ArgShape shape;  // from a constant axis; recomputed in Eval otherwise
  bool axis_is_constant = false;
};

// The [outer, axis, inner] view for `axis`, checking the output drops exactly that dimension.
Status MakeArgShape(const Tensor& input, const Tensor& output, int axis,
                    reference::ArgShape* shape) {
  bool drops_axis = output.rank() == input.rank() - 1;  // compared in place: Eval allocates nothing
  for (int d = 0; drops_axis && d < output.rank(); ++d)
    drops_axis = output.dim(d) == input.dim(d < axis ? d : d + 1);
  TFH_ENSURE(drops_axis, "output shape does not drop axis %d of the input", axis);
  shape->outer = FlatSize(input.dims, 0, axis);
  shape->axis_size = input.dim(axis);
  shape->inner = FlatSize(input.dims, axis + 1, input.rank());
  return Status::Ok();
}

Status Prepare(OpContext& context, const char* op) {
  const Tensor *input, *axis;
  TFH_RETURN_IF_ERROR(GetSingleAxisOperands(context, op, &input, &axis));
  const Tensor* output = context.output(0);
  TFH_ENSURE(output->type == DType::kInt32, "output must be INT32 (TFLM's only index type), "
             "got %s", DTypeName(output->type));
  TFH_ENSURE(input->num_elements() > 0, "input must not be empty");
  auto* data = context.make_data<ArgData>();
  data->axis_is_constant = axis->is_constant;
  if (!axis->is_constant) return Status::Ok();
  int resolved;
  TFH_RETURN_IF_ERROR(ResolveSingleAxis(*axis, input->rank(), &resolved));
  return MakeArgShape(*input, *output, resolved, &data->shape);
}

Status PrepareMax(OpContext& context) { return Prepare(context, "ARG_MAX"); }
Status PrepareMin(OpContext& context) { return Prepare(context, "ARG_MIN"); }

template <bool kMax>
Status Eval(OpContext& context) {
  const auto* data = context.data<ArgData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  reference::ArgShape shape = data->shape;
  if (!data->axis_is_constant) {
    int resolved;
    TFH_RETURN_IF_ERROR(ResolveAxisInput(context, input->rank(), &resolved));
    TFH_RETURN_IF_ERROR(AsInvokeError(MakeArgShape(*input, *output, resolved, &shape)));
  }
  if (input->type == DType::kFloat32)
    reference::ArgMinMax<float, int32_t, kMax>(shape, input->as<float>(), output->as<int32_t>());
  else
    reference::ArgMinMax<int8_t, int32_t, kMax>(shape, input->as<int8_t>(),
                                                output->as<int32_t>());
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"ARG_MAX", "reference", {DType::kFloat32, DType::kInt8}, PrepareMax,
                     Eval<true>});
TFH_REGISTER_KERNEL({"ARG_MIN", "reference", {DType::kFloat32, DType::kInt8}, PrepareMin,
                     Eval<false>});

}  // namespace tflm_host
