// Prepare shared by RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR: a 4-D NHWC input, a constant
// int32 size tensor of two values (height, width) and an output of the input's type and
// shape [batch, height, width, depth].
#pragma once

#include <initializer_list>

#include "core/op_context.h"
#include "core/status.h"
#include "reference/resize.h"

namespace tflm_host {

struct ResizeData : OpData {
  reference::ResizeParams params{};
};

// Checks the operands (the input type among `types`) and creates the node's ResizeData with
// the shapes and the align_corners / half_pixel_centers options.
Status PrepareResize(OpContext& context, const char* op, std::initializer_list<DType> types,
                     ResizeData** data);

}  // namespace tflm_host
