// FILL: an output of the (static) shape given by the constant dims input, every element the
// scalar value input, on float32, int8 and int32 as TFLM. The value is copied as it is
// (TFLM compares no quantization); dims are read in their own integer type.
#include <algorithm>
#include <cstring>

#include "core/registry.h"
#include "kernels/common/shape_util.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *dims, *value;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &dims));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &value));
  const Tensor* output = context.output(0);
  TFH_ENSURE(value->rank() == 0, "value must be a scalar, it has rank %d", value->rank());
  TFH_RETURN_IF_ERROR(CheckType(*output, value->type, "output"));
  const DType type = value->type;
  TFH_ENSURE(type == DType::kFloat32 || type == DType::kInt8 || type == DType::kInt32,
             "type %s is not supported", DTypeName(type));
  TFH_ENSURE(dims->rank() == 1 && dims->dim(0) == output->rank(),
             "dims must be a vector of the output's %d dimensions", output->rank());
  std::vector<int64_t> values;
  TFH_RETURN_IF_ERROR(ReadConstantIntegers(*dims, "dims", &values));
  for (int d = 0; d < output->rank(); ++d)
    TFH_ENSURE(values[d] == output->dim(d), "dims[%d] is %lld, the output dimension %d", d,
               static_cast<long long>(values[d]), output->dim(d));
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const Tensor* value = context.input(1);
  Tensor* output = context.output(0);
  DispatchByElementSize(value->type, [&](auto storage) {
    using S = decltype(storage);
    S bits;
    std::memcpy(&bits, value->data, sizeof(S));
    std::fill_n(output->as<S>(), output->num_elements(), bits);
  });
  return Status::Ok();
}

}  // namespace

// Input 0 is the dims tensor; the value's type is checked in Prepare.
TFH_REGISTER_KERNEL({"FILL", "reference", {DType::kFloat32, DType::kInt8, DType::kInt32},
                     Prepare, Eval, nullptr, /*type_input=*/1});

}  // namespace tflm_host
