// SQUEEZE: drops size-1 dimensions (all of them, or those in squeeze_dims, which may be
// negative); the data is copied unchanged. The checks are TFLM's: every kept input dimension
// fits the matching output dimension and both tensors hold the same number of bytes.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"

namespace tflm_host {
namespace {

constexpr int kMaxSqueezeDims = 8;  // TFLM's TfLiteSqueezeParams capacity

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  TFH_ENSURE(ElementBytes(input->type) > 0, "type %s is not supported",
             DTypeName(input->type));
  const int rank = input->rank();
  TFH_ENSURE(rank <= kMaxSqueezeDims, "input rank %d exceeds %d", rank, kMaxSqueezeDims);

  const std::vector<int64_t>* dims = context.options().get_ints("squeeze_dims");
  const int num_dims = dims == nullptr ? 0 : static_cast<int>(dims->size());
  TFH_ENSURE(num_dims <= kMaxSqueezeDims, "%d squeeze_dims exceed the maximum of %d", num_dims,
             kMaxSqueezeDims);
  std::vector<bool> squeeze(rank, false);
  if (num_dims == 0) {
    for (int i = 0; i < rank; ++i) squeeze[i] = input->dim(i) == 1;
  } else {
    for (int64_t d : *dims) {
      const int64_t axis = d < 0 ? d + rank : d;
      TFH_ENSURE(axis >= 0 && axis < rank && input->dim(static_cast<int>(axis)) == 1,
                 "squeeze dimension %lld is not a size-1 dimension of the rank-%d input",
                 static_cast<long long>(d), rank);
      squeeze[axis] = true;
    }
  }
  int out_index = 0;
  for (int i = 0; i < rank; ++i) {
    if (squeeze[i]) continue;
    TFH_ENSURE(out_index < output->rank(), "output rank %d is too small", output->rank());
    TFH_ENSURE(output->dim(out_index) >= input->dim(i),
               "output dimension %d is %d, smaller than input dimension %d (%d)", out_index,
               output->dim(out_index), i, input->dim(i));
    ++out_index;
  }
  TFH_ENSURE(input->bytes == output->bytes, "input has %zu bytes, output %zu", input->bytes,
             output->bytes);
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SQUEEZE", "reference", CopyableTypes(), Prepare,
                     EvalCopyInputToOutput});

}  // namespace tflm_host
