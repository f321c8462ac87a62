// Prepare steps CONV_2D and DEPTHWISE_CONV_2D share: tensor and type checks, the window
// geometry (validated against the output shape) and the integer requantization.
#pragma once

#include "core/op_context.h"
#include "core/status.h"
#include "kernels/common/prepare_util.h"
#include "reference/conv_window.h"

namespace tflm_host {

struct ConvTensors {
  const Tensor* input = nullptr;
  const Tensor* filter = nullptr;
  const Tensor* bias = nullptr;   // optional
  Tensor* output = nullptr;
};

struct ConvData : OpData {
  reference::ConvWindow window{};
  int depth_multiplier = 1;       // DEPTHWISE_CONV_2D only
  float act_min = 0.0f, act_max = 0.0f;
  ChannelQuantization quant;      // integer types: per output channel
  reference::ConvQuantParams params{};
};

// Arity, required inputs, rank-4 NHWC tensors and the type combinations TFLM accepts
// (float32/float32, int8/int8, int16/int8 as input/filter; output typed as the input).
Status GetConvTensors(const OpContext& context, ConvTensors* tensors);

// Fills the window's batch and spatial fields from the options (padding, strides,
// dilations) and checks the output shape is what they give. Channel fields are the caller's.
Status PrepareConvWindow(const OpContext& context, const ConvTensors& tensors,
                         reference::ConvWindow* window);

// The bias, fused activation and requantization; `channel_dim` is the filter dimension of the
// output channels (the per-channel quantization axis).
Status PrepareConvArithmetic(const OpContext& context, const ConvTensors& tensors,
                             int channel_dim, ConvData* data);

// The integer part of PrepareConvArithmetic (also TRANSPOSE_CONV's): filter quantization
// checks, per-channel multipliers, offsets and the quantized activation range.
Status PrepareConvRequantization(const ConvTensors& tensors, int channel_dim, int channels,
                                 Activation activation, ConvData* data);

// A 4-D (NHWC) tensor without empty dimensions.
Status CheckPositiveDims(const Tensor& tensor, const char* what);

// TFLM refuses fused-activation bounds that do not fit int32 once quantized.
Status CheckActivationQuantizable(Activation activation, const Tensor& output);

// A quantized filter with one scale or one per output channel along `channel_dim`.
Status CheckFilterQuantization(const Tensor& filter, int channel_dim, int channels);

// The whole Prepare and the reference Eval of each op, for kernels that extend ConvData
// (the optimized ones): Prepare fills `data`, created by the caller.
Status PrepareConv2D(OpContext& context, const ConvTensors& tensors, ConvData* data);
Status EvalConv2DReference(OpContext& context);
Status PrepareDepthwiseConv2D(OpContext& context, const ConvTensors& tensors, ConvData* data);
Status EvalDepthwiseConv2DReference(OpContext& context);

}  // namespace tflm_host
