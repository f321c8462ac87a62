// TRANSPOSE by a constant permutation, 1-D to 5-D, on float32, int8 and int16 as in TFLM.
// Quantization is not compared (TFLM copies the values as they are).
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"
#include "reference/transpose.h"

namespace tflm_host {
namespace {

struct TransposeData : OpData {
  reference::TransposeParams params{};
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *input, *perm_tensor;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &perm_tensor));
  const Tensor* output = context.output(0);
  const DType type = input->type;
  TFH_ENSURE(type == DType::kFloat32 || type == DType::kInt8 || type == DType::kInt16,
             "type %s is not supported", DTypeName(type));
  TFH_RETURN_IF_ERROR(CheckType(*output, type, "output"));
  const int rank = input->rank();
  TFH_ENSURE(rank >= 1 && rank <= reference::kTransposeMaxDims,
             "only 1-D to %d-D inputs are supported, got rank %d",
             reference::kTransposeMaxDims, rank);
  TFH_ENSURE(perm_tensor->rank() == 1 && perm_tensor->dim(0) == rank,
             "perm must be a vector of %d values", rank);
  std::vector<int32_t> perm;
  TFH_RETURN_IF_ERROR(ReadConstantInt32s(*perm_tensor, rank, "perm", &perm));

  TFH_ENSURE(output->rank() == rank, "output rank %d differs from input rank %d",
             output->rank(), rank);
  std::vector<int64_t> input_strides(rank, 1);
  for (int d = rank - 2; d >= 0; --d) input_strides[d] = input_strides[d + 1] * input->dim(d + 1);
  std::vector<bool> used(rank, false);
  auto* data = context.make_data<TransposeData>();
  data->params.rank = rank;
  for (int d = 0; d < rank; ++d) {
    const int32_t p = perm[d];
    TFH_ENSURE(p >= 0 && p < rank && !used[p], "perm is not a permutation of 0..%d", rank - 1);
    used[p] = true;
    TFH_ENSURE(output->dim(d) == input->dim(p), "output dimension %d is %d, expected %d", d,
               output->dim(d), input->dim(p));
    data->params.output_dims[d] = output->dim(d);
    data->params.input_step[d] = input_strides[p];
  }
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<TransposeData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  DispatchByElementSize(input->type, [&](auto storage) {
    using S = decltype(storage);
    reference::Transpose<S>(data->params, input->as<S>(), output->as<S>());
  });
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"TRANSPOSE", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval});

}  // namespace tflm_host
