// CEIL: ceil(x) on float32 (TFLM's ceil.cc).
#include "kernels/common/elementwise_unary.h"

namespace tflm_host {

TFH_REGISTER_FLOAT_UNARY("CEIL", reference::Ceil);

}  // namespace tflm_host
