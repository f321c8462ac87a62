// Prepare for the fixed-point activations (LOGISTIC, TANH): the int8 input rescaling into
// Q4.27 and the int16 one onto the sigmoid table's 1/(3 * 4096) units, as TFLM derives them.
#pragma once

#include "core/op_context.h"
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

// What LOGISTIC and TANH keep per node.
struct FixedPointActivationData : OpData {
  reference::FixedPointActivationParams params{};  // int8
  int32_t int16_multiplier = 0, int16_shift = 0;   // int16
  int64_t size = 0;
};

// Creates the node's FixedPointActivationData for checked operands: the element count and
// the int8 or int16 rescaling.
Status PrepareFixedPointActivationData(OpContext& context, const Tensor& input,
                                       const Tensor& output, bool is_tanh);

// Eval of LOGISTIC and TANH: each element type through the op's reference function.
template <auto kFloat, auto kInt8, auto kInt16>
Status EvalFixedPointActivation(OpContext& context) {
  const auto* data = context.data<FixedPointActivationData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  if (input->type == DType::kFloat32) {
    kFloat(data->size, input->as<float>(), output->as<float>());
  } else if (input->type == DType::kInt8) {
    kInt8(data->params, data->size, input->as<int8_t>(), output->as<int8_t>());
  } else {
    kInt16(data->int16_multiplier, data->int16_shift, data->size, input->as<int16_t>(),
           output->as<int16_t>());
  }
  return Status::Ok();
}

}  // namespace tflm_host
