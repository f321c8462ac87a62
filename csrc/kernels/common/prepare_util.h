// Helpers that many kernels' Prepare steps share: type checks, fused activations and the
// per-channel requantization multipliers of conv-like ops.
#pragma once

#include <cstdint>
#include <vector>

#include "core/op_context.h"
#include "core/status.h"
#include "reference/quantization.h"

namespace tflm_host {

inline Activation FusedActivation(const OpContext& context) {
  return static_cast<Activation>(context.options().get_int("fused_activation_function", 0));
}

// Checks the node has between min and max inputs/outputs (TFLM's NumInputs checks).
Status CheckArity(const OpContext& context, int min_inputs, int max_inputs, int outputs);
// Non-null tensor or an error naming the input.
Status RequireInput(const OpContext& context, int index, const Tensor** tensor);
// One input and one output of the same type and element count (element-wise unary ops).
Status GetUnaryOperands(const OpContext& context, const Tensor** input, Tensor** output);
Status CheckType(const Tensor& tensor, DType expected, const char* what);
Status CheckQuantized(const Tensor& tensor, const char* what);
Status CheckActivationSupported(Activation activation);

// Requantization of a conv/FC output: one multiplier per output channel (per-tensor filters
// repeat their one scale), as TFLM's PopulateConvolutionQuantizationParams computes them.
struct ChannelQuantization {
  std::vector<int32_t> multipliers;
  std::vector<int32_t> shifts;
};
Status PopulateChannelQuantization(const Tensor& input, const Tensor& filter,
                                   const Tensor& output, int channels,
                                   ChannelQuantization* out);

// Double-precision real multiplier input_scale * filter_scale / output_scale for a
// per-tensor filter (GetQuantizedConvolutionMultipler).
double ConvolutionRealMultiplier(const Tensor& input, const Tensor& filter, const Tensor& output);

}  // namespace tflm_host
