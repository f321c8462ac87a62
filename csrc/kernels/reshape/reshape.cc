// RESHAPE: the data is copied unchanged. As in TFLM the shape is the output tensor's own
// (static) shape; the optional shape input and the new_shape option are not consulted, and
// quantization parameters are not compared.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 2, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  // Legacy converters wrote [0] for a scalar output; TFLM reinterprets it at run time, which
  // a static shape here cannot express.
  TFH_ENSURE(!(context.num_inputs() == 1 && output->dims == std::vector<int32_t>{0} &&
               input->num_elements() == 1),
             "the legacy scalar output shape [0] is not supported");
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  TFH_ENSURE(ElementBytes(input->type) > 0, "type %s is not supported",
             DTypeName(input->type));
  TFH_ENSURE(input->num_elements() == output->num_elements(),
             "input has %lld elements, output %lld",
             static_cast<long long>(input->num_elements()),
             static_cast<long long>(output->num_elements()));
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"RESHAPE", "reference", CopyableTypes(), Prepare,
                     EvalCopyInputToOutput});

}  // namespace tflm_host
