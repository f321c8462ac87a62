// SPACE_TO_DEPTH and DEPTH_TO_SPACE on 4-D NHWC float32 and int8 tensors, as TFLM. TFLM
// computes the output shape in Prepare; here the model's static output shape must equal it.
// Quantization is not compared (the values are moved as they are).
#include "core/registry.h"
#include "kernels/common/shape_util.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"
#include "reference/space_to_depth.h"

namespace tflm_host {
namespace {

struct SpaceDepthData : OpData {
  reference::SpaceDepthParams params{};
};

Status PrepareSpaceDepth(OpContext& context, bool to_depth) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  TFH_ENSURE(input->rank() == 4, "input must be 4-D (NHWC), it has rank %d", input->rank());
  TFH_ENSURE(output->type == DType::kFloat32 || output->type == DType::kInt8,
             "type %s is not supported", DTypeName(output->type));
  TFH_RETURN_IF_ERROR(CheckType(*input, output->type, "input"));
  const int64_t block = context.options().get_int("block_size", 0);
  TFH_ENSURE(block >= 1 && block <= 0x7fff, "block_size %lld must be positive",
             static_cast<long long>(block));
  const int32_t bs = static_cast<int32_t>(block);
  const int32_t n = input->dim(0), h = input->dim(1), w = input->dim(2), c = input->dim(3);
  std::vector<int32_t> expected;
  if (to_depth) {
    TFH_ENSURE(h % bs == 0 && w % bs == 0, "input height %d and width %d must be multiples "
               "of block_size %d", h, w, bs);
    expected = {n, h / bs, w / bs, c * bs * bs};
  } else {
    TFH_ENSURE(c % (bs * bs) == 0, "input depth %d must be a multiple of block_size^2 (%d)", c,
               bs * bs);
    expected = {n, h * bs, w * bs, c / (bs * bs)};
  }
  TFH_RETURN_IF_ERROR(CheckDims(output->dims, expected, "output"));
  const Tensor& space = to_depth ? *input : *output;
  auto* data = context.make_data<SpaceDepthData>();
  data->params = {space.dim(0), space.dim(1), space.dim(2), space.dim(3), bs};
  return Status::Ok();
}

Status PrepareSpaceToDepth(OpContext& context) { return PrepareSpaceDepth(context, true); }
Status PrepareDepthToSpace(OpContext& context) { return PrepareSpaceDepth(context, false); }

template <bool kToDepth>
Status EvalSpaceDepth(OpContext& context) {
  const auto& params = context.data<SpaceDepthData>()->params;
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  DispatchByElementSize(input->type, [&](auto storage) {
    using S = decltype(storage);
    if (kToDepth)
      reference::SpaceToDepth<S>(params, input->as<S>(), output->as<S>());
    else
      reference::DepthToSpace<S>(params, input->as<S>(), output->as<S>());
  });
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SPACE_TO_DEPTH", "reference", {DType::kFloat32, DType::kInt8},
                     PrepareSpaceToDepth, EvalSpaceDepth<true>});
TFH_REGISTER_KERNEL({"DEPTH_TO_SPACE", "reference", {DType::kFloat32, DType::kInt8},
                     PrepareDepthToSpace, EvalSpaceDepth<false>});

}  // namespace tflm_host
