// NEG: -x on float32, the only type TFLM's neg.cc runs.
#include "kernels/common/elementwise_unary.h"

namespace tflm_host {

TFH_REGISTER_FLOAT_UNARY("NEG", reference::Neg);

}  // namespace tflm_host
