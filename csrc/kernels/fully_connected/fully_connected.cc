// FULLY_CONNECTED: Prepare validates shapes and derives the requantization; the reference
// Eval calls reference/fully_connected.h.
#include "core/registry.h"
#include "kernels/fully_connected/fully_connected_common.h"

namespace tflm_host {

Status PrepareFullyConnected(OpContext& context, FullyConnectedData* data) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 3, 1));
  const Tensor *input, *filter;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &filter));
  const Tensor* bias = context.input(2);
  Tensor* output = context.output(0);
  const Activation activation = FusedActivation(context);
  TFH_RETURN_IF_ERROR(CheckActivationSupported(activation));
  TFH_ENSURE(context.options().get_int("weights_format", 0) == 0,
             "only the DEFAULT weights format is supported");
  TFH_ENSURE(filter->rank() == 2, "filter must be 2-D, got rank %d", filter->rank());
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));

  data->output_depth = filter->dim(0);
  data->accum_depth = filter->dim(1);
  TFH_ENSURE(data->accum_depth > 0, "filter has an empty input dimension");
  TFH_ENSURE(input->num_elements() % data->accum_depth == 0,
             "input of %lld elements is not a multiple of the filter depth %d",
             static_cast<long long>(input->num_elements()), data->accum_depth);
  data->batches = static_cast<int>(input->num_elements() / data->accum_depth);
  TFH_ENSURE(output->num_elements() == static_cast<int64_t>(data->batches) * data->output_depth,
             "output has %lld elements, expected %d x %d",
             static_cast<long long>(output->num_elements()), data->batches, data->output_depth);
  if (bias != nullptr)
    TFH_ENSURE(bias->num_elements() == data->output_depth, "bias has %lld elements, expected %d",
               static_cast<long long>(bias->num_elements()), data->output_depth);

  if (input->type == DType::kFloat32) {
    TFH_RETURN_IF_ERROR(CheckType(*filter, DType::kFloat32, "filter"));
    if (bias != nullptr) TFH_RETURN_IF_ERROR(CheckType(*bias, DType::kFloat32, "bias"));
    FloatActivationRange(activation, &data->act_min, &data->act_max);
    return Status::Ok();
  }
  TFH_ENSURE(input->type == DType::kInt8 || input->type == DType::kInt16,
             "input type %s is not supported (float32, int8 or int16)", DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckType(*filter, DType::kInt8, "filter"));
  if (bias != nullptr) {
    if (input->type == DType::kInt8) {
      TFH_RETURN_IF_ERROR(CheckType(*bias, DType::kInt32, "bias"));
    } else {
      TFH_ENSURE(bias->type == DType::kInt32 || bias->type == DType::kInt64,
                 "bias of int16 activations must be int32 or int64, got %s",
                 DTypeName(bias->type));
    }
  }
  TFH_RETURN_IF_ERROR(
      PopulateChannelQuantization(*input, *filter, *output, data->output_depth, &data->quant));
  auto& p = data->params;
  // Unlike its 16x8 convs, TFLM's int16 FULLY_CONNECTED applies the input and output zero
  // points; its per-channel kernels ignore the filter's (symmetric by the quantization spec).
  const bool per_channel = filter->scales.size() > 1;
  p.input_offset = -input->zero_point();
  p.filter_offset = per_channel ? 0 : -filter->zero_point();
  p.output_offset = output->zero_point();
  p.multipliers = data->quant.multipliers.data();
  p.shifts = data->quant.shifts.data();
  QuantizedActivationRange(activation, *output, &p.act_min, &p.act_max);
  return Status::Ok();
}

namespace {

template <typename AccT, typename BiasT>
void EvalInt16(const FullyConnectedData& data, const Tensor& input, const Tensor& filter,
               const Tensor* bias, Tensor& output) {
  reference::FullyConnectedQuantized<int16_t, AccT, BiasT>(
      data.params, data.batches, data.accum_depth, data.output_depth, input.as<int16_t>(),
      filter.as<int8_t>(), bias ? bias->as<BiasT>() : nullptr, output.as<int16_t>());
}

}  // namespace

Status EvalFullyConnectedReference(OpContext& context) {
  const auto* data = context.data<FullyConnectedData>();
  const Tensor* input = context.input(0);
  const Tensor* filter = context.input(1);
  const Tensor* bias = context.input(2);
  Tensor* output = context.output(0);
  if (input->type == DType::kFloat32) {
    reference::FullyConnectedFloat(data->act_min, data->act_max, data->batches,
                                   data->accum_depth, data->output_depth, input->as<float>(),
                                   filter->as<float>(), bias ? bias->as<float>() : nullptr,
                                   output->as<float>());
  } else if (input->type == DType::kInt8) {
    reference::FullyConnectedQuantized<int8_t, int32_t, int32_t>(
        data->params, data->batches, data->accum_depth, data->output_depth,
        input->as<int8_t>(), filter->as<int8_t>(), bias ? bias->as<int32_t>() : nullptr,
        output->as<int8_t>());
  } else if (bias != nullptr && bias->type == DType::kInt32) {
    EvalInt16<int32_t, int32_t>(*data, *input, *filter, bias, *output);
  } else {  // the oracle takes its int64 path when there is no bias
    EvalInt16<int64_t, int64_t>(*data, *input, *filter, bias, *output);
  }
  return Status::Ok();
}

namespace {

Status Prepare(OpContext& context) {
  return PrepareFullyConnected(context, context.make_data<FullyConnectedData>());
}

}  // namespace

TFH_REGISTER_KERNEL({"FULLY_CONNECTED", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16}, Prepare,
                     EvalFullyConnectedReference});

}  // namespace tflm_host
