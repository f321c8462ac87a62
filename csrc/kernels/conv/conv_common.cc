#include "kernels/conv/conv_common.h"

#include <limits>

#include "kernels/common/padding.h"

namespace tflm_host {

Status CheckPositiveDims(const Tensor& tensor, const char* what) {
  TFH_ENSURE(tensor.rank() == 4, "%s must be 4-D (NHWC), got rank %d", what, tensor.rank());
  for (int i = 0; i < 4; ++i)
    TFH_ENSURE(tensor.dim(i) > 0, "%s has an empty dimension %d", what, i);
  return Status::Ok();
}

Status CheckActivationQuantizable(Activation activation, const Tensor& output) {
  const float bounds[] = {activation == Activation::kRelu6 ? 6.0f : 0.0f,
                          activation == Activation::kReluN1To1 ? 1.0f : 0.0f,
                          activation == Activation::kReluN1To1 ? -1.0f : 0.0f};
  for (float bound : bounds) {
    const float q = RoundHalfAway(bound / output.scale());
    TFH_ENSURE(q >= static_cast<float>(std::numeric_limits<int32_t>::min()) &&
                   q <= static_cast<float>(std::numeric_limits<int32_t>::max()),
               "fused activation bound %g does not fit int32 at output scale %g", bound,
               output.scale());
  }
  return Status::Ok();
}

Status CheckFilterQuantization(const Tensor& filter, int channel_dim, int channels) {
  TFH_RETURN_IF_ERROR(CheckQuantized(filter, "filter"));
  const int count = static_cast<int>(filter.scales.size());
  TFH_ENSURE(count == 1 || count == channels,
             "filter has %d scales, expected 1 or one per output channel (%d)", count, channels);
  if (count > 1) {
    const int axis = filter.quantized_dimension;
    TFH_ENSURE(axis < filter.rank() && filter.dim(axis) == channels,
               "filter is quantized along dimension %d, not along its %d output channels "
               "(dimension %d)", axis, channels, channel_dim);
  }
  return Status::Ok();
}

Status GetConvTensors(const OpContext& context, ConvTensors* t) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 3, 1));
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &t->input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &t->filter));
  t->bias = context.input(2);
  t->output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckPositiveDims(*t->input, "input"));
  TFH_RETURN_IF_ERROR(CheckPositiveDims(*t->filter, "filter"));
  TFH_RETURN_IF_ERROR(CheckPositiveDims(*t->output, "output"));
  TFH_RETURN_IF_ERROR(CheckType(*t->output, t->input->type, "output"));
  const DType in = t->input->type, filter = t->filter->type;
  TFH_ENSURE((in == DType::kFloat32 && filter == DType::kFloat32) ||
                 ((in == DType::kInt8 || in == DType::kInt16) && filter == DType::kInt8),
             "unsupported input/filter types %s/%s (float32/float32, int8/int8 or int16/int8)",
             DTypeName(in), DTypeName(filter));
  return Status::Ok();
}

Status PrepareConvWindow(const OpContext& context, const ConvTensors& t,
                         reference::ConvWindow* w) {
  const Options& options = context.options();
  const auto padding = static_cast<Padding>(options.get_int("padding", 0));
  TFH_ENSURE(padding == Padding::kSame || padding == Padding::kValid, "unknown padding %d",
             static_cast<int>(padding));
  w->stride_width = static_cast<int>(options.get_int("stride_w", 0));
  w->stride_height = static_cast<int>(options.get_int("stride_h", 0));
  w->dilation_width = static_cast<int>(options.get_int("dilation_w_factor", 1));
  w->dilation_height = static_cast<int>(options.get_int("dilation_h_factor", 1));
  TFH_ENSURE(w->stride_width > 0 && w->stride_height > 0, "strides must be positive, got %dx%d",
             w->stride_height, w->stride_width);
  TFH_ENSURE(w->dilation_width > 0 && w->dilation_height > 0,
             "dilation factors must be positive, got %dx%d", w->dilation_height,
             w->dilation_width);

  const Tensor &input = *t.input, &filter = *t.filter, &output = *t.output;
  w->batches = input.dim(0);
  w->input_height = input.dim(1);
  w->input_width = input.dim(2);
  w->filter_height = filter.dim(1);
  w->filter_width = filter.dim(2);
  w->output_height = output.dim(1);
  w->output_width = output.dim(2);
  TFH_ENSURE(output.dim(0) == w->batches, "output batch %d differs from input batch %d",
             output.dim(0), w->batches);
  const int expected_height = WindowOutputSize(padding, w->input_height, w->filter_height,
                                               w->stride_height, w->dilation_height);
  const int expected_width = WindowOutputSize(padding, w->input_width, w->filter_width,
                                              w->stride_width, w->dilation_width);
  TFH_ENSURE(expected_height > 0 && expected_width > 0,
             "the dilated %dx%d filter does not fit the %dx%d input with VALID padding",
             w->filter_height, w->filter_width, w->input_height, w->input_width);
  TFH_ENSURE(w->output_height == expected_height && w->output_width == expected_width,
             "output is %dx%d but padding, strides and dilations give %dx%d", w->output_height,
             w->output_width, expected_height, expected_width);
  int offset = 0;
  w->pad_height = WindowPadding(w->stride_height, w->dilation_height, w->input_height,
                                w->filter_height, w->output_height, &offset);
  w->pad_width = WindowPadding(w->stride_width, w->dilation_width, w->input_width,
                               w->filter_width, w->output_width, &offset);
  return Status::Ok();
}

Status PrepareConvArithmetic(const OpContext& context, const ConvTensors& t, int channel_dim,
                             ConvData* data) {
  const Tensor& input = *t.input;
  const int channels = data->window.output_depth;
  const Activation activation = FusedActivation(context);
  TFH_RETURN_IF_ERROR(CheckActivationSupported(activation));
  if (t.bias != nullptr)
    TFH_ENSURE(t.bias->num_elements() == channels, "bias has %lld elements, expected %d",
               static_cast<long long>(t.bias->num_elements()), channels);

  if (input.type == DType::kFloat32) {
    if (t.bias != nullptr) TFH_RETURN_IF_ERROR(CheckType(*t.bias, DType::kFloat32, "bias"));
    FloatActivationRange(activation, &data->act_min, &data->act_max);
    return Status::Ok();
  }
  if (t.bias != nullptr) {
    if (input.type == DType::kInt8) {
      TFH_RETURN_IF_ERROR(CheckType(*t.bias, DType::kInt32, "bias"));
    } else {
      TFH_ENSURE(t.bias->type == DType::kInt32 || t.bias->type == DType::kInt64,
                 "bias of int16 activations must be int32 or int64, got %s",
                 DTypeName(t.bias->type));
    }
  }
  return PrepareConvRequantization(t, channel_dim, channels, activation, data);
}

Status PrepareConvRequantization(const ConvTensors& t, int channel_dim, int channels,
                                 Activation activation, ConvData* data) {
  const Tensor &input = *t.input, &filter = *t.filter, &output = *t.output;
  TFH_RETURN_IF_ERROR(CheckFilterQuantization(filter, channel_dim, channels));
  TFH_RETURN_IF_ERROR(PopulateChannelQuantization(input, filter, output, channels, &data->quant));
  TFH_RETURN_IF_ERROR(CheckActivationQuantizable(activation, output));
  auto& p = data->params;
  // TFLM's 16x8 kernels ignore the zero points; its int8 kernels ignore the filter's.
  const bool int8 = input.type == DType::kInt8;
  p.input_offset = int8 ? -input.zero_point() : 0;
  p.output_offset = int8 ? output.zero_point() : 0;
  p.multipliers = data->quant.multipliers.data();
  p.shifts = data->quant.shifts.data();
  QuantizedActivationRange(activation, output, &p.act_min, &p.act_max);
  return Status::Ok();
}

}  // namespace tflm_host
