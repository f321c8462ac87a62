// ROUND: rounds float32 to the nearest integer, halves to even (TFLM's round.cc).
#include "kernels/common/elementwise_unary.h"

namespace tflm_host {

TFH_REGISTER_FLOAT_UNARY("ROUND", reference::RoundHalfToEven);

}  // namespace tflm_host
