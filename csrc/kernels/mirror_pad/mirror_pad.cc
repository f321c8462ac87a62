// MIRROR_PAD (REFLECT and SYMMETRIC) on float32 and int8, up to 6-D, as TFLM. Paddings are a
// [rank, 2] int32 or int64 tensor that TFLM reads when it runs, so it may be a graph tensor:
// a constant one is checked in Prepare, another at each invoke. The checks are TensorFlow's
// (0 <= pad <= size - 1 for REFLECT, <= size for SYMMETRIC; output = input + pads), without
// which TFLM would read outside the input.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"
#include "reference/mirror_pad.h"

namespace tflm_host {
namespace {

struct MirrorPadData : OpData {
  reference::MirrorPadParams params{};
  bool resolved = false;  // paddings read (constant input)
};

int64_t PaddingAt(const Tensor& paddings, int i) {
  return paddings.type == DType::kInt32 ? paddings.as<int32_t>()[i]
                                        : paddings.as<int64_t>()[i];
}

Status ResolvePaddings(const Tensor& paddings, reference::MirrorPadParams* p) {
  for (int d = 0; d < p->rank; ++d) {
    // TFLM narrows each value to int.
    const int64_t left = static_cast<int>(PaddingAt(paddings, 2 * d));
    const int64_t right = static_cast<int>(PaddingAt(paddings, 2 * d + 1));
    const int64_t limit = p->input_dims[d] - p->offset;
    TFH_ENSURE(left >= 0 && right >= 0 && left <= limit && right <= limit,
               "paddings %lld, %lld of dimension %d must lie in [0, %lld] for %s mode",
               static_cast<long long>(left), static_cast<long long>(right), d,
               static_cast<long long>(limit), p->offset ? "REFLECT" : "SYMMETRIC");
    TFH_ENSURE(p->output_dims[d] == p->input_dims[d] + left + right,
               "output dimension %d is %d, expected %lld", d, p->output_dims[d],
               static_cast<long long>(p->input_dims[d] + left + right));
    p->left[d] = left;
  }
  return Status::Ok();
}

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *input, *paddings;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &paddings));
  const Tensor* output = context.output(0);
  TFH_ENSURE(output->type == DType::kFloat32 || output->type == DType::kInt8,
             "type %s is not supported", DTypeName(output->type));
  TFH_RETURN_IF_ERROR(CheckType(*input, output->type, "input"));
  const int rank = input->rank();
  TFH_ENSURE(rank >= 1 && rank <= reference::kMirrorPadMaxDims, "rank %d is not in 1 to %d",
             rank, reference::kMirrorPadMaxDims);
  TFH_ENSURE(output->rank() == rank, "output rank %d differs from input rank %d",
             output->rank(), rank);
  TFH_ENSURE(paddings->type == DType::kInt32 || paddings->type == DType::kInt64,
             "paddings must be INT32 or INT64, got %s", DTypeName(paddings->type));
  TFH_ENSURE(paddings->rank() == 2 && paddings->dim(0) == rank && paddings->dim(1) == 2,
             "paddings must have shape [%d, 2]", rank);

  auto* data = context.make_data<MirrorPadData>();
  reference::MirrorPadParams& p = data->params;
  p.rank = rank;
  p.offset = context.options().get_int("mode", 0) == 0 ? 1 : 0;  // REFLECT : SYMMETRIC
  int64_t stride = 1;
  for (int d = rank - 1; d >= 0; --d) {
    p.input_dims[d] = input->dim(d);
    p.output_dims[d] = output->dim(d);
    p.input_strides[d] = stride;
    stride *= input->dim(d);
  }
  if (paddings->is_constant) {
    TFH_RETURN_IF_ERROR(ResolvePaddings(*paddings, &p));
    data->resolved = true;
  }
  return Status::Ok();
}

Status Eval(OpContext& context) {
  auto* data = context.data<MirrorPadData>();
  if (!data->resolved) {
    Status status = ResolvePaddings(*context.input(1), &data->params);
    if (!status.ok()) return Status::Error(StatusCode::kRuntime, status.message());
  }
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  if (output->num_elements() == 0) return Status::Ok();
  DispatchByElementSize(input->type, [&](auto storage) {
    using S = decltype(storage);
    reference::MirrorPad<S>(data->params, input->as<S>(), output->as<S>());
  });
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"MIRROR_PAD", "reference", {DType::kFloat32, DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
