// CONV_2D: Prepare validates shapes, grouping and quantization; the reference Eval calls
// reference/conv.h.
#include "core/registry.h"
#include "kernels/conv/conv_common.h"
#include "reference/conv.h"

namespace tflm_host {

Status PrepareConv2D(OpContext& context, const ConvTensors& t, ConvData* data) {
  auto& w = data->window;
  w.input_depth = t.input->dim(3);
  w.output_depth = t.output->dim(3);
  w.filter_input_depth = t.filter->dim(3);
  TFH_ENSURE(t.filter->dim(0) == w.output_depth,
             "filter has %d output channels, output has %d", t.filter->dim(0), w.output_depth);
  // Grouped convolution: the filter covers input_depth / groups channels.
  TFH_ENSURE(w.input_depth % w.filter_input_depth == 0,
             "filter depth %d does not divide the input depth %d", w.filter_input_depth,
             w.input_depth);
  const int groups = w.input_depth / w.filter_input_depth;
  TFH_ENSURE(w.output_depth % groups == 0,
             "%d output channels cannot be split into %d groups", w.output_depth, groups);
  TFH_RETURN_IF_ERROR(PrepareConvWindow(context, t, &w));
  return PrepareConvArithmetic(context, t, /*channel_dim=*/0, data);
}

Status EvalConv2DReference(OpContext& context) {
  const auto* data = context.data<ConvData>();
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  Tensor* output = context.output(0);
  const auto& w = data->window;
  switch (input->type) {
    case DType::kFloat32:
      reference::ConvFloat(w, data->act_min, data->act_max, input->as<float>(),
                           filter->as<float>(), bias ? bias->as<float>() : nullptr,
                           output->as<float>());
      break;
    case DType::kInt8:
      reference::ConvQuantized<int8_t, int32_t>(w, data->params, input->as<int8_t>(),
                                                filter->as<int8_t>(),
                                                bias ? bias->as<int32_t>() : nullptr,
                                                output->as<int8_t>());
      break;
    default:  // int16: TFLM accumulates in int32 only for an int32 bias
      if (bias != nullptr && bias->type == DType::kInt32) {
        reference::ConvQuantized<int16_t, int32_t>(w, data->params, input->as<int16_t>(),
                                                   filter->as<int8_t>(), bias->as<int32_t>(),
                                                   output->as<int16_t>());
      } else {
        reference::ConvQuantized<int16_t, int64_t>(w, data->params, input->as<int16_t>(),
                                                   filter->as<int8_t>(),
                                                   bias ? bias->as<int64_t>() : nullptr,
                                                   output->as<int16_t>());
      }
  }
  return Status::Ok();
}

namespace {

Status Prepare(OpContext& context) {
  ConvTensors t;
  TFH_RETURN_IF_ERROR(GetConvTensors(context, &t));
  return PrepareConv2D(context, t, context.make_data<ConvData>());
}

}  // namespace

TFH_REGISTER_KERNEL({"CONV_2D", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, EvalConv2DReference});

}  // namespace tflm_host
