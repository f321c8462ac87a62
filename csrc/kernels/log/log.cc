// LOG: log(x) on float32 (TFLM's elementwise.cc); negative inputs give NaN, 0 gives -inf.
#include "kernels/common/elementwise_unary.h"

namespace tflm_host {

TFH_REGISTER_FLOAT_UNARY("LOG", reference::Log);

}  // namespace tflm_host
