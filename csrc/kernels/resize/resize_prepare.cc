#include "kernels/resize/resize_prepare.h"

#include <algorithm>
#include <vector>

#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"

namespace tflm_host {

Status PrepareResize(OpContext& context, const char* op, std::initializer_list<DType> types,
                     ResizeData** data) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *input, *size;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &size));
  const Tensor* output = context.output(0);
  TFH_ENSURE(input->rank() == 4, "%s needs a 4-D input, got rank %d", op, input->rank());
  TFH_ENSURE(std::find(types.begin(), types.end(), input->type) != types.end(),
             "%s does not support %s", op, DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  TFH_RETURN_IF_ERROR(CheckType(*size, DType::kInt32, "size"));
  TFH_ENSURE(size->rank() == 1 && size->dim(0) == 2,
             "size must be a 1-D tensor of two values (height, width)");
  std::vector<int32_t> hw;
  TFH_RETURN_IF_ERROR(ReadConstantInt32s(*size, 2, "size", &hw));
  TFH_ENSURE(hw[0] > 0 && hw[1] > 0, "size must be positive, got %d x %d", hw[0], hw[1]);
  // TFLM reads input row/column 0 for every output pixel, out of bounds when there is none.
  TFH_ENSURE((input->dim(1) > 0 && input->dim(2) > 0) || input->dim(0) == 0 || input->dim(3) == 0,
             "%s cannot resize an empty %d x %d input", op, input->dim(1), input->dim(2));
  const std::vector<int32_t> expected = {input->dim(0), hw[0], hw[1], input->dim(3)};
  TFH_ENSURE(output->dims == expected, "output shape must be [%d, %d, %d, %d]", expected[0],
             expected[1], expected[2], expected[3]);
  *data = context.make_data<ResizeData>();
  reference::ResizeParams* params = &(*data)->params;
  params->batches = input->dim(0);
  params->input_height = input->dim(1);
  params->input_width = input->dim(2);
  params->depth = input->dim(3);
  params->output_height = hw[0];
  params->output_width = hw[1];
  params->align_corners = context.options().get_int("align_corners") != 0;
  params->half_pixel_centers = context.options().get_int("half_pixel_centers") != 0;
  return Status::Ok();
}

}  // namespace tflm_host
