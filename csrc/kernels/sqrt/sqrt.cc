// SQRT: sqrt(x) on float32 (TFLM's elementwise.cc); negative inputs give NaN.
#include "kernels/common/elementwise_unary.h"

namespace tflm_host {

TFH_REGISTER_FLOAT_UNARY("SQRT", reference::Sqrt);

}  // namespace tflm_host
