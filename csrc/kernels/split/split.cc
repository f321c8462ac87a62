// SPLIT (inputs: axis, input) and SPLIT_V (input, size_splits, axis) on float32, int8, int16
// and int32, as TFLM. The axis must be a constant tensor (TFLM reads its first int32 word);
// the output shapes say where to cut: SPLIT_V's size_splits input is not read, as in TFLM.
// Quantization is not compared (the bytes are copied).
#include "core/registry.h"
#include "kernels/common/split_kernel.h"
#include "kernels/common/shape_util.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"

namespace tflm_host {
namespace {

bool SupportedType(DType type) {
  return type == DType::kFloat32 || type == DType::kInt8 || type == DType::kInt16 ||
         type == DType::kInt32;
}

Status PrepareSplit(OpContext& context, int input_index, int axis_index, bool equal_parts) {
  const Tensor *input, *axis_tensor;
  TFH_RETURN_IF_ERROR(RequireInput(context, input_index, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, axis_index, &axis_tensor));
  TFH_ENSURE(SupportedType(input->type), "type %s is not supported", DTypeName(input->type));
  TFH_ENSURE(context.num_outputs() >= 1, "expected at least one output");
  std::vector<int32_t> axis_value;
  TFH_RETURN_IF_ERROR(ReadConstantInt32s(*axis_tensor, 1, "axis", &axis_value));
  const int rank = input->rank();
  int axis;
  TFH_RETURN_IF_ERROR(ResolveAxis(axis_value[0], rank, "axis", &axis));

  auto* data = context.make_data<SplitData>();
  const int64_t inner = FlatSize(input->dims, axis + 1, rank) * ElementBytes(input->type);
  // An empty input has nothing to copy, however many (up to 2^30) outer rows it has.
  data->outer = input->num_elements() == 0 ? 0 : FlatSize(input->dims, 0, axis);
  int64_t axis_total = 0;
  for (int i = 0; i < context.num_outputs(); ++i) {
    const Tensor* output = context.output(i);
    TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
    std::vector<int32_t> expected = input->dims;
    expected[axis] = output->rank() == rank ? output->dim(axis) : 0;
    TFH_RETURN_IF_ERROR(CheckDims(output->dims, expected, Format("output %d", i).c_str()));
    // TFLM sizes every SPLIT output by output 0.
    if (equal_parts)
      TFH_ENSURE(output->dim(axis) == context.output(0)->dim(axis),
                 "output %d has %d entries along the axis, output 0 has %d", i,
                 output->dim(axis), context.output(0)->dim(axis));
    axis_total += output->dim(axis);
    data->row_bytes.push_back(output->dim(axis) * inner);
  }
  TFH_ENSURE(axis_total == input->dim(axis),
             "the outputs hold %lld entries along axis %d, the input %d",
             static_cast<long long>(axis_total), axis, input->dim(axis));
  data->outputs.resize(context.num_outputs());
  return Status::Ok();
}

Status PrepareSplitOp(OpContext& context) {
  TFH_ENSURE(context.num_inputs() == 2, "expected 2 inputs, got %d", context.num_inputs());
  return PrepareSplit(context, /*input_index=*/1, /*axis_index=*/0, /*equal_parts=*/true);
}

Status PrepareSplitV(OpContext& context) {
  TFH_ENSURE(context.num_inputs() == 3, "expected 3 inputs, got %d", context.num_inputs());
  return PrepareSplit(context, /*input_index=*/0, /*axis_index=*/2, /*equal_parts=*/false);
}

// SPLIT's data is input 1 (input 0 is the axis), SPLIT_V's input 0.
constexpr auto EvalSplitOp = &EvalSplit<1>;
constexpr auto EvalSplitV = &EvalSplit<0>;

}  // namespace

// Input 0 of SPLIT is the axis, so its data types are checked in Prepare.
TFH_REGISTER_KERNEL({"SPLIT", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16, DType::kInt32},
                     PrepareSplitOp, EvalSplitOp, nullptr, /*type_input=*/1});
TFH_REGISTER_KERNEL({"SPLIT_V", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16, DType::kInt32},
                     PrepareSplitV, EvalSplitV});

}  // namespace tflm_host
