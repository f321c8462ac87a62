// Prepare for the fixed-point activations (LOGISTIC, TANH): the int8 input rescaling into
// Q4.27 and the int16 one onto the sigmoid table's 1/(3 * 4096) units, as TFLM derives them.
#pragma once

#include "core/status.h"
#include "core/tensor.h"
#include "reference/fixed_point_activation.h"

namespace tflm_host {

Status PrepareFixedPointActivation(const Tensor& input,
                                   reference::FixedPointActivationParams* params);

// The int16 rescaling (reference/sigmoid_int16.h) with TFLM's checks: zero points 0 and an
// output scale of 2^-15. A power-of-two input scale 2^-12 (TANH: also 2^-11) takes the exact
// path (multiplier 0); any other scale a 15-bit multiplier and a right shift.
Status PrepareSigmoidInt16Rescale(const Tensor& input, const Tensor& output, bool is_tanh,
                                  int32_t* multiplier, int32_t* shift);

}  // namespace tflm_host
