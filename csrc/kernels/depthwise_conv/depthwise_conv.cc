// DEPTHWISE_CONV_2D: Prepare validates shapes, the depth multiplier and quantization; the
// reference Eval calls reference/depthwise_conv.h.
#include "core/registry.h"
#include "kernels/conv/conv_common.h"
#include "reference/depthwise_conv.h"

namespace tflm_host {

Status PrepareDepthwiseConv2D(OpContext& context, const ConvTensors& t, ConvData* data) {
  auto& w = data->window;
  w.input_depth = t.input->dim(3);
  w.output_depth = t.output->dim(3);
  w.filter_input_depth = 1;
  TFH_ENSURE(t.filter->dim(0) == 1, "filter must be [1, height, width, channels], got %d x ...",
             t.filter->dim(0));
  TFH_ENSURE(t.filter->dim(3) == w.output_depth,
             "filter has %d output channels, output has %d", t.filter->dim(3), w.output_depth);
  // TFLM's kernels trust the option: output channel c reads input channel c / multiplier,
  // so the option must agree with the shapes.
  data->depth_multiplier = static_cast<int>(context.options().get_int("depth_multiplier", 0));
  TFH_ENSURE(data->depth_multiplier > 0 &&
                 w.output_depth == w.input_depth * data->depth_multiplier,
             "depth_multiplier %d does not map %d input channels to %d output channels",
             data->depth_multiplier, w.input_depth, w.output_depth);
  if (t.input->type == DType::kInt16 && t.bias != nullptr)
    TFH_RETURN_IF_ERROR(CheckType(*t.bias, DType::kInt64, "bias of int16 activations"));
  TFH_RETURN_IF_ERROR(PrepareConvWindow(context, t, &w));
  return PrepareConvArithmetic(context, t, /*channel_dim=*/3, data);
}

Status EvalDepthwiseConv2DReference(OpContext& context) {
  const auto* data = context.data<ConvData>();
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  Tensor* output = context.output(0);
  const auto& w = data->window;
  const int multiplier = data->depth_multiplier;
  switch (input->type) {
    case DType::kFloat32:
      reference::DepthwiseConvFloat(w, multiplier, data->act_min, data->act_max,
                                    input->as<float>(), filter->as<float>(),
                                    bias ? bias->as<float>() : nullptr, output->as<float>());
      break;
    case DType::kInt8:
      reference::DepthwiseConvQuantized<int8_t, int32_t>(
          w, multiplier, data->params, input->as<int8_t>(), filter->as<int8_t>(),
          bias ? bias->as<int32_t>() : nullptr, output->as<int8_t>());
      break;
    default:  // int16
      reference::DepthwiseConvQuantized<int16_t, int64_t>(
          w, multiplier, data->params, input->as<int16_t>(), filter->as<int8_t>(),
          bias ? bias->as<int64_t>() : nullptr, output->as<int16_t>());
  }
  return Status::Ok();
}

namespace {

Status Prepare(OpContext& context) {
  ConvTensors t;
  TFH_RETURN_IF_ERROR(GetConvTensors(context, &t));
  return PrepareDepthwiseConv2D(context, t, context.make_data<ConvData>());
}

}  // namespace

TFH_REGISTER_KERNEL({"DEPTHWISE_CONV_2D", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16}, Prepare,
                     EvalDepthwiseConv2DReference});

}  // namespace tflm_host
