// SQUARE: x * x on float32 (TFLM's elementwise.cc).
#include "kernels/common/elementwise_unary.h"

namespace tflm_host {

TFH_REGISTER_FLOAT_UNARY("SQUARE", reference::Square);

}  // namespace tflm_host
