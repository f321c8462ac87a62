// UNPACK: `num` outputs, each the input with `axis` removed, on float32, int8, int16 and
// int32 as TFLM. It is a SPLIT into parts of one with that axis dropped from the shapes.
#include "core/registry.h"
#include "kernels/common/split_kernel.h"
#include "kernels/common/shape_util.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  TFH_ENSURE(context.num_inputs() == 1, "expected 1 input, got %d", context.num_inputs());
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const DType type = input->type;
  TFH_ENSURE(type == DType::kFloat32 || type == DType::kInt8 || type == DType::kInt16 ||
                 type == DType::kInt32,
             "type %s is not supported", DTypeName(type));
  const int rank = input->rank();
  int axis;
  TFH_RETURN_IF_ERROR(ResolveAxis(context.options().get_int("axis", 0), rank, "axis", &axis));
  const int64_t num = context.options().get_int("num", 0);
  // TFLM writes `num` outputs whatever the node lists.
  TFH_ENSURE(num == context.num_outputs() && num == input->dim(axis),
             "num is %lld, the node has %d outputs and the input %d entries along axis %d",
             static_cast<long long>(num), context.num_outputs(), input->dim(axis), axis);

  std::vector<int32_t> expected = input->dims;
  expected.erase(expected.begin() + axis);
  auto* data = context.make_data<SplitData>();
  data->outer = FlatSize(input->dims, 0, axis);
  const int64_t row = FlatSize(input->dims, axis + 1, rank) * ElementBytes(type);
  for (int i = 0; i < context.num_outputs(); ++i) {
    const Tensor* output = context.output(i);
    TFH_RETURN_IF_ERROR(CheckType(*output, type, "output"));
    TFH_RETURN_IF_ERROR(CheckDims(output->dims, expected, Format("output %d", i).c_str()));
    data->row_bytes.push_back(row);
  }
  data->outputs.resize(context.num_outputs());
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"UNPACK", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16, DType::kInt32}, Prepare,
                     EvalSplit<0>});

}  // namespace tflm_host
