#include "kernels/common/prepare_util.h"

namespace tflm_host {

Status CheckArity(const OpContext& context, int min_inputs, int max_inputs, int outputs) {
  TFH_ENSURE(context.num_inputs() >= min_inputs && context.num_inputs() <= max_inputs,
             "expected %d to %d inputs, got %d", min_inputs, max_inputs, context.num_inputs());
  TFH_ENSURE(context.num_outputs() == outputs, "expected %d outputs, got %d", outputs,
             context.num_outputs());
  return Status::Ok();
}

Status RequireInput(const OpContext& context, int index, const Tensor** tensor) {
  *tensor = context.input(index);
  TFH_ENSURE(*tensor != nullptr, "input %d is required but missing", index);
  return Status::Ok();
}

Status GetUnaryOperands(const OpContext& context, const Tensor** input, Tensor** output) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, input));
  *output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(**output, (*input)->type, "output"));
  TFH_ENSURE((*input)->num_elements() == (*output)->num_elements(),
             "output has %lld elements, the input %lld",
             static_cast<long long>((*output)->num_elements()),
             static_cast<long long>((*input)->num_elements()));
  return Status::Ok();
}

Status CheckType(const Tensor& tensor, DType expected, const char* what) {
  TFH_ENSURE(tensor.type == expected, "%s must be %s, got %s", what, DTypeName(expected),
             DTypeName(tensor.type));
  return Status::Ok();
}

Status CheckQuantized(const Tensor& tensor, const char* what) {
  TFH_ENSURE(tensor.is_quantized(), "%s (%s) has no quantization parameters", what,
             DTypeName(tensor.type));
  TFH_ENSURE(tensor.scale() > 0.0f, "%s has a non-positive scale %g", what, tensor.scale());
  return Status::Ok();
}

Status CheckActivationSupported(Activation activation) {
  TFH_ENSURE(activation == Activation::kNone || activation == Activation::kRelu ||
                 activation == Activation::kRelu6 || activation == Activation::kReluN1To1,
             "unsupported fused activation %d", static_cast<int>(activation));
  return Status::Ok();
}

Status PopulateChannelQuantization(const Tensor& input, const Tensor& filter,
                                   const Tensor& output, int channels,
                                   ChannelQuantization* out) {
  TFH_RETURN_IF_ERROR(CheckQuantized(input, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(filter, "filter"));
  TFH_RETURN_IF_ERROR(CheckQuantized(output, "output"));
  const bool per_channel = filter.scales.size() > 1;
  TFH_ENSURE(!per_channel || static_cast<int>(filter.scales.size()) == channels,
             "filter has %zu per-channel scales for %d output channels", filter.scales.size(),
             channels);
  out->multipliers.resize(channels);
  out->shifts.resize(channels);
  for (int c = 0; c < channels; ++c) {
    const double filter_scale = static_cast<double>(filter.scales[per_channel ? c : 0]);
    const double effective = static_cast<double>(input.scale()) * filter_scale /
                             static_cast<double>(output.scale());
    int shift = 0;
    QuantizeMultiplier(effective, &out->multipliers[c], &shift);
    out->shifts[c] = shift;
  }
  return Status::Ok();
}

double ConvolutionRealMultiplier(const Tensor& input, const Tensor& filter, const Tensor& output) {
  const double product = static_cast<double>(input.scale()) * static_cast<double>(filter.scale());
  return product / static_cast<double>(output.scale());
}

}  // namespace tflm_host
