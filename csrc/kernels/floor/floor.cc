// FLOOR: floor(x) on float32 (TFLM's floor.cc).
#include "kernels/common/elementwise_unary.h"

namespace tflm_host {

TFH_REGISTER_FLOAT_UNARY("FLOOR", reference::Floor);

}  // namespace tflm_host
