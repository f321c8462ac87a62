// RESIZE_NEAREST_NEIGHBOR: float, int8 and int16 (TFLM's types); pixels are copied, so the
// values' quantization does not matter. align_corners and half_pixel_centers may be combined.
#include "core/registry.h"
#include "kernels/common/raw_data.h"
#include "kernels/resize/resize_prepare.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  ResizeData* data;
  return PrepareResize(context, "RESIZE_NEAREST_NEIGHBOR",
                       {DType::kFloat32, DType::kInt8, DType::kInt16}, &data);
}

Status Eval(OpContext& context) {
  const auto& params = context.data<ResizeData>()->params;
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  DispatchByElementSize(input->type, [&](auto element) {
    using T = decltype(element);
    reference::ResizeNearestNeighbor(params, input->as<T>(), output->as<T>());
  });
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"RESIZE_NEAREST_NEIGHBOR", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16}, Prepare, Eval});

}  // namespace tflm_host
