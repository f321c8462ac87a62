// Prepare for the int8 fixed-point activations (LOGISTIC, TANH): the input rescaling into
// Q4.27 as TFLM derives it.
#pragma once

#include "core/status.h"
#include "core/tensor.h"
#include "reference/fixed_point_activation.h"

namespace tflm_host {

Status PrepareFixedPointActivation(const Tensor& input,
                                   reference::FixedPointActivationParams* params);

}  // namespace tflm_host
