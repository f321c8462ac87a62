// CONCATENATION of up to 10 inputs (rank <= 6) along `axis` (negative counts from the end).
// TFLM copies quantized values without rescaling, so int8 inputs must share the output's
// scale and zero point and int16 tensors must have zero point 0.
#include "core/registry.h"
#include "kernels/common/concatenation_kernel.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"

namespace tflm_host {
namespace {

constexpr int kMaxInputs = 10;
constexpr int kMaxRank = 6;

bool SupportedType(DType type) {
  return type == DType::kFloat32 || type == DType::kInt8 || type == DType::kInt16 ||
         type == DType::kInt32 || type == DType::kInt64 || type == DType::kBool;
}

Status CheckQuantization(const Tensor& input, const Tensor& output, int index) {
  if (input.type == DType::kInt8) {
    TFH_ENSURE(input.scale() == output.scale() && input.zero_point() == output.zero_point(),
               "input %d (scale %g, zero point %d) must share the output's scale %g and zero "
               "point %d",
               index, input.scale(), input.zero_point(), output.scale(), output.zero_point());
  } else if (input.type == DType::kInt16) {
    TFH_ENSURE(input.zero_point() == 0, "int16 input %d has zero point %d, expected 0", index,
               input.zero_point());
  }
  return Status::Ok();
}

Status CheckShape(const Tensor& input, const Tensor& output, int axis, int index) {
  TFH_ENSURE(input.rank() == output.rank(), "input %d has rank %d, the output %d", index,
             input.rank(), output.rank());
  for (int d = 0; d < output.rank(); ++d)
    TFH_ENSURE(d == axis || input.dim(d) == output.dim(d),
               "input %d dimension %d is %d, the output's is %d", index, d, input.dim(d),
               output.dim(d));
  return Status::Ok();
}

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, kMaxInputs, 1));
  const Tensor* first;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &first));
  const Tensor* output = context.output(0);
  TFH_ENSURE(FusedActivation(context) == Activation::kNone,
             "fused activations are not supported");
  TFH_ENSURE(SupportedType(first->type), "type %s is not supported", DTypeName(first->type));
  TFH_RETURN_IF_ERROR(CheckType(*output, first->type, "output"));
  if (first->type == DType::kInt16)
    TFH_ENSURE(output->zero_point() == 0, "int16 output has zero point %d, expected 0",
               output->zero_point());

  const int rank = output->rank();
  int64_t axis = context.options().get_int("axis", 0);
  if (axis < 0) axis += rank;
  TFH_ENSURE(axis >= 0 && axis < rank, "axis %lld is out of range for rank %d",
             static_cast<long long>(context.options().get_int("axis", 0)), rank);
  TFH_ENSURE(rank <= kMaxRank, "rank %d exceeds %d", rank, kMaxRank);

  auto* data = context.make_data<ConcatenationData>();
  const int64_t inner = FlatSize(output->dims, static_cast<int>(axis) + 1, rank) *
                        ElementBytes(first->type);
  data->outer = FlatSize(output->dims, 0, static_cast<int>(axis));
  int64_t axis_total = 0;
  for (int i = 0; i < context.num_inputs(); ++i) {
    const Tensor* input;
    TFH_RETURN_IF_ERROR(RequireInput(context, i, &input));
    TFH_ENSURE(input->type == first->type, "input %d is %s, input 0 %s", i,
               DTypeName(input->type), DTypeName(first->type));
    TFH_RETURN_IF_ERROR(CheckQuantization(*input, *output, i));
    TFH_RETURN_IF_ERROR(CheckShape(*input, *output, static_cast<int>(axis), i));
    axis_total += input->dim(static_cast<int>(axis));
    data->row_bytes.push_back(input->dim(static_cast<int>(axis)) * inner);
  }
  TFH_ENSURE(axis_total == output->dim(static_cast<int>(axis)),
             "the inputs add up to %lld along axis %lld, the output has %d",
             static_cast<long long>(axis_total), static_cast<long long>(axis),
             output->dim(static_cast<int>(axis)));
  data->inputs.resize(context.num_inputs());
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"CONCATENATION", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16, DType::kInt32,
                      DType::kInt64, DType::kBool},
                     Prepare, EvalConcatenation});

}  // namespace tflm_host
