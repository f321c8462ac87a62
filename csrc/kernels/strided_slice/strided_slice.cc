// STRIDED_SLICE with constant begin/end/strides, up to 4-D, as TFLM runs it: begin_mask,
// end_mask and shrink_axis_mask apply, negative indices and strides are allowed, while TFLM
// ignores ellipsis_mask, new_axis_mask and offset (it zeroes them), so they are ignored here
// too. Quantization is not compared.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"
#include "reference/strided_slice.h"

namespace tflm_host {
namespace {

constexpr int kMaxRank = 4;

struct StridedSliceData : OpData {
  reference::StridedSliceParams params{};
};

bool SupportedType(DType type) {
  return type == DType::kFloat32 || type == DType::kInt8 || type == DType::kInt16 ||
         type == DType::kInt32 || type == DType::kBool;
}

Status ReadIndices(const OpContext& context, int rank, std::vector<int32_t>* begin,
                   std::vector<int32_t>* end, std::vector<int32_t>* strides) {
  const Tensor *begin_tensor, *end_tensor, *strides_tensor;
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &begin_tensor));
  TFH_RETURN_IF_ERROR(RequireInput(context, 2, &end_tensor));
  TFH_RETURN_IF_ERROR(RequireInput(context, 3, &strides_tensor));
  TFH_RETURN_IF_ERROR(ReadConstantInt32s(*begin_tensor, rank, "begin", begin));
  TFH_RETURN_IF_ERROR(ReadConstantInt32s(*end_tensor, rank, "end", end));
  return ReadConstantInt32s(*strides_tensor, rank, "strides", strides);
}

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 4, 4, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  TFH_ENSURE(SupportedType(input->type), "type %s is not supported", DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  const int rank = input->rank();
  TFH_ENSURE(rank <= kMaxRank, "input rank %d exceeds %d", rank, kMaxRank);
  std::vector<int32_t> begin, end, strides;
  TFH_RETURN_IF_ERROR(ReadIndices(context, rank, &begin, &end, &strides));
  const Options& options = context.options();
  const int64_t begin_mask = options.get_int("begin_mask");
  const int64_t end_mask = options.get_int("end_mask");
  const int64_t shrink_mask = options.get_int("shrink_axis_mask");

  auto* data = context.make_data<StridedSliceData>();
  reference::StridedSliceParams& p = data->params;
  const int front = reference::kSliceDims - rank;
  for (int d = 0; d < front; ++d) {
    p.input_dims[d] = 1;
    p.start[d] = 0;
    p.stop[d] = 1;
    p.stride[d] = 1;
  }
  int out_axis = 0;
  for (int axis = 0; axis < rank; ++axis) {
    const int32_t size = input->dim(axis);
    const int32_t stride = strides[axis];
    TFH_ENSURE(stride != 0, "stride of axis %d is zero", axis);
    const bool shrink = (shrink_mask >> axis) & 1;
    const int32_t start =
        reference::StartForAxis(begin[axis], stride, size, (begin_mask >> axis) & 1);
    const int32_t stop = reference::StopForAxis(end[axis], stride, size, start,
                                                (end_mask >> axis) & 1, shrink);
    const int d = front + axis;
    p.input_dims[d] = size;
    p.start[d] = start;
    p.stop[d] = stop;
    p.stride[d] = stride;
    if (shrink) {
      // TFLM's loop yields nothing for these axes and leaves the output unwritten.
      TFH_ENSURE(stride > 0, "shrunk axis %d has a negative stride", axis);
      TFH_ENSURE(start < size, "shrunk axis %d: index %d is outside the dimension of size %d",
                 axis, begin[axis], size);
      continue;
    }
    const int64_t length = reference::SliceLength(start, stop, stride);
    TFH_ENSURE(out_axis < output->rank() && output->dim(out_axis) == length,
               "output dimension %d must be %lld", out_axis, static_cast<long long>(length));
    ++out_axis;
  }
  TFH_ENSURE(output->rank() == out_axis, "output rank is %d, the slice has rank %d",
             output->rank(), out_axis);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<StridedSliceData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  DispatchByElementSize(input->type, [&](auto storage) {
    using S = decltype(storage);
    reference::StridedSlice<S>(data->params, input->as<S>(), output->as<S>());
  });
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"STRIDED_SLICE", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16, DType::kInt32, DType::kBool},
                     Prepare, Eval});

}  // namespace tflm_host
