// PACK: `values_count` inputs of one shape stacked along a new `axis` of the output, on
// float32, int8, int16, int32 and int64 as TFLM. It is a CONCATENATION of parts of one along
// the new axis. Quantization is not compared (the bytes are copied).
#include "core/registry.h"
#include "kernels/common/concatenation_kernel.h"
#include "kernels/common/shape_util.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"

namespace tflm_host {
namespace {

bool SupportedType(DType type) {
  return type == DType::kFloat32 || type == DType::kInt8 || type == DType::kInt16 ||
         type == DType::kInt32 || type == DType::kInt64;
}

Status Prepare(OpContext& context) {
  TFH_ENSURE(context.num_outputs() == 1, "expected 1 output, got %d", context.num_outputs());
  const Tensor* first;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &first));
  const Tensor* output = context.output(0);
  TFH_ENSURE(SupportedType(output->type), "type %s is not supported", DTypeName(output->type));
  const int64_t count = context.options().get_int("values_count", 0);
  // TFLM reads `values_count` inputs whatever the node lists.
  TFH_ENSURE(count == context.num_inputs(), "values_count is %lld, the node has %d inputs",
             static_cast<long long>(count), context.num_inputs());
  int axis;
  TFH_RETURN_IF_ERROR(
      ResolveAxis(context.options().get_int("axis", 0), first->rank() + 1, "axis", &axis));

  std::vector<int32_t> expected = first->dims;
  expected.insert(expected.begin() + axis, static_cast<int32_t>(count));
  TFH_RETURN_IF_ERROR(CheckDims(output->dims, expected, "output"));
  auto* data = context.make_data<ConcatenationData>();
  data->outer = FlatSize(output->dims, 0, axis);
  const int64_t row = FlatSize(output->dims, axis + 1, output->rank()) *
                      ElementBytes(output->type);
  for (int i = 0; i < context.num_inputs(); ++i) {
    const Tensor* input;
    TFH_RETURN_IF_ERROR(RequireInput(context, i, &input));
    TFH_RETURN_IF_ERROR(CheckType(*input, output->type, Format("input %d", i).c_str()));
    TFH_RETURN_IF_ERROR(CheckDims(input->dims, first->dims, Format("input %d", i).c_str()));
    data->row_bytes.push_back(row);
  }
  data->inputs.resize(context.num_inputs());
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"PACK", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16, DType::kInt32,
                      DType::kInt64},
                     Prepare, EvalConcatenation});

}  // namespace tflm_host
