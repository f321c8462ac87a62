// EXP: exp(x) on float32, the only type TFLM's exp.cc runs.
#include "kernels/common/elementwise_unary.h"

namespace tflm_host {

TFH_REGISTER_FLOAT_UNARY("EXP", reference::Exp);

}  // namespace tflm_host
