// RESIZE_BILINEAR: float and int8 (TFLM's types). int8 is interpolated in fixed point on the
// raw values, without requantization, as TFLM does. half_pixel_centers excludes align_corners.
#include "core/registry.h"
#include "kernels/resize/resize_prepare.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  ResizeData* data;
  TFH_RETURN_IF_ERROR(
      PrepareResize(context, "RESIZE_BILINEAR", {DType::kFloat32, DType::kInt8}, &data));
  TFH_ENSURE(!(data->params.half_pixel_centers && data->params.align_corners),
             "RESIZE_BILINEAR: half_pixel_centers requires align_corners to be false");
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto& params = context.data<ResizeData>()->params;
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  if (input->type == DType::kFloat32)
    reference::ResizeBilinearFloat(params, input->as<float>(), output->as<float>());
  else
    reference::ResizeBilinearInteger(params, input->as<int8_t>(), output->as<int8_t>());
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"RESIZE_BILINEAR", "reference", {DType::kFloat32, DType::kInt8}, Prepare,
                     Eval});

}  // namespace tflm_host
