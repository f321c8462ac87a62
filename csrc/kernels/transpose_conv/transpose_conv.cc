// TRANSPOSE_CONV on float32, int8 (per-channel) and 16x8 (TFLM's transpose_conv.cc).
// Inputs: 0 output shape, 1 filter, 2 input, 3 optional bias. Like TFLM, the output shape
// tensor is never read: the output tensor's own shape is used (it may even be a runtime
// input, as in seanet's models).
#include "core/registry.h"
#include "kernels/common/padding.h"
#include "kernels/conv/conv_common.h"
#include "reference/transpose_conv.h"

namespace tflm_host {
namespace {

constexpr int kFilter = 1, kInput = 2, kBias = 3;

struct TransposeConvData : ConvData {
  int scratch_index = -1;  // integer types: one accumulator per output element
};

// TFLM derives the padding as for a conv running from the output back to the input.
void ComputePadding(Padding padding, reference::ConvWindow* w) {
  int offset = 0;
  const int conv_height =
      WindowOutputSize(padding, w->output_height, w->filter_height, w->stride_height, 1);
  const int conv_width =
      WindowOutputSize(padding, w->output_width, w->filter_width, w->stride_width, 1);
  w->pad_height =
      WindowPadding(w->stride_height, 1, w->output_height, w->filter_height, conv_height, &offset);
  w->pad_width =
      WindowPadding(w->stride_width, 1, w->output_width, w->filter_width, conv_width, &offset);
}

Status CheckBiasType(const Tensor& input, const Tensor& bias) {
  if (input.type == DType::kFloat32) return CheckType(bias, DType::kFloat32, "bias");
  if (input.type == DType::kInt8) return CheckType(bias, DType::kInt32, "bias");
  // 16x8: TFLM widens an int16 bias to int64 and reads any other as int64 (unlike
  // CONV_2D it has no int32-bias path), so only those two make sense.
  TFH_ENSURE(bias.type == DType::kInt64 || bias.type == DType::kInt16,
             "bias of int16 activations must be int64 or int16, got %s", DTypeName(bias.type));
  return Status::Ok();
}

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 3, 4, 1));
  ConvTensors t;
  TFH_RETURN_IF_ERROR(RequireInput(context, kFilter, &t.filter));
  TFH_RETURN_IF_ERROR(RequireInput(context, kInput, &t.input));
  t.bias = context.input(kBias);
  t.output = context.output(0);
  const Tensor &input = *t.input, &filter = *t.filter, &output = *t.output;
  TFH_RETURN_IF_ERROR(CheckPositiveDims(input, "input"));
  TFH_RETURN_IF_ERROR(CheckPositiveDims(filter, "filter"));
  TFH_RETURN_IF_ERROR(CheckPositiveDims(output, "output"));
  TFH_RETURN_IF_ERROR(CheckType(output, input.type, "output"));
  TFH_ENSURE((input.type == DType::kFloat32 && filter.type == DType::kFloat32) ||
                 ((input.type == DType::kInt8 || input.type == DType::kInt16) &&
                  filter.type == DType::kInt8),
             "unsupported input/filter types %s/%s (float32/float32, int8/int8 or int16/int8)",
             DTypeName(input.type), DTypeName(filter.type));

  auto* data = context.make_data<TransposeConvData>();
  auto& w = data->window;
  w.batches = input.dim(0);
  w.input_height = input.dim(1);
  w.input_width = input.dim(2);
  w.input_depth = input.dim(3);
  w.filter_input_depth = input.dim(3);
  w.filter_height = filter.dim(1);
  w.filter_width = filter.dim(2);
  w.output_height = output.dim(1);
  w.output_width = output.dim(2);
  w.output_depth = output.dim(3);
  w.dilation_height = w.dilation_width = 1;
  TFH_ENSURE(output.dim(0) == w.batches, "output batch %d differs from input batch %d",
             output.dim(0), w.batches);
  TFH_ENSURE(filter.dim(3) == w.input_depth, "filter depth %d differs from input depth %d",
             filter.dim(3), w.input_depth);
  TFH_ENSURE(filter.dim(0) == w.output_depth, "filter has %d output channels, output has %d",
             filter.dim(0), w.output_depth);

  const Options& options = context.options();
  const auto padding = static_cast<Padding>(options.get_int("padding", 0));
  TFH_ENSURE(padding == Padding::kSame || padding == Padding::kValid, "unknown padding %d",
             static_cast<int>(padding));
  w.stride_height = static_cast<int>(options.get_int("stride_h", 0));
  w.stride_width = static_cast<int>(options.get_int("stride_w", 0));
  TFH_ENSURE(w.stride_height > 0 && w.stride_width > 0, "strides must be positive, got %dx%d",
             w.stride_height, w.stride_width);
  ComputePadding(padding, &w);

  const Activation activation = FusedActivation(context);
  TFH_RETURN_IF_ERROR(CheckActivationSupported(activation));
  if (t.bias != nullptr) {
    TFH_ENSURE(t.bias->num_elements() == w.output_depth, "bias has %lld elements, expected %d",
               static_cast<long long>(t.bias->num_elements()), w.output_depth);
    TFH_RETURN_IF_ERROR(CheckBiasType(input, *t.bias));
  }
  if (input.type == DType::kFloat32) {
    FloatActivationRange(activation, &data->act_min, &data->act_max);
    return Status::Ok();
  }
  TFH_ENSURE(filter.zero_points.size() == filter.scales.size(),
             "filter has %zu scales but %zu zero points", filter.scales.size(),
             filter.zero_points.size());
  TFH_RETURN_IF_ERROR(PrepareConvRequantization(t, 0, w.output_depth, activation, data));
  data->scratch_index = context.request_scratch(
      static_cast<size_t>(output.num_elements()) *
      (input.type == DType::kInt8 ? sizeof(int32_t) : sizeof(int64_t)));
  return Status::Ok();
}

// 16x8 accumulates in int64 whatever the bias type.
template <typename BiasT>
void Eval16x8(const TransposeConvData& data, const Tensor& input, const Tensor& filter,
              const Tensor* bias, void* scratch, Tensor& output) {
  reference::TransposeConvQuantized<int16_t, int64_t, BiasT>(
      data.window, data.params, input.as<int16_t>(), filter.as<int8_t>(),
      bias ? bias->as<BiasT>() : nullptr, static_cast<int64_t*>(scratch), output.as<int16_t>());
}

Status Eval(OpContext& context) {
  const auto* data = context.data<TransposeConvData>();
  const Tensor* input = context.input(kInput);
  const Tensor* filter = context.input(kFilter);
  const Tensor* bias = context.input(kBias);
  Tensor* output = context.output(0);
  const auto& w = data->window;
  switch (input->type) {
    case DType::kFloat32:
      reference::TransposeConvFloat(w, data->act_min, data->act_max, input->as<float>(),
                                    filter->as<float>(), bias ? bias->as<float>() : nullptr,
                                    output->as<float>());
      break;
    case DType::kInt8:
      reference::TransposeConvQuantized<int8_t, int32_t, int32_t>(
          w, data->params, input->as<int8_t>(), filter->as<int8_t>(),
          bias ? bias->as<int32_t>() : nullptr,
          static_cast<int32_t*>(context.scratch(data->scratch_index)), output->as<int8_t>());
      break;
    default: {
      void* scratch = context.scratch(data->scratch_index);
      if (bias != nullptr && bias->type == DType::kInt16) {
        Eval16x8<int16_t>(*data, *input, *filter, bias, scratch, *output);
      } else {
        Eval16x8<int64_t>(*data, *input, *filter, bias, scratch, *output);
      }
    }
  }
  return Status::Ok();
}

}  // namespace

// Input 0 is the int32 output shape: Prepare checks the data types.
// Input 0 is the output shape; the data input 2 selects the kernel.
TFH_REGISTER_KERNEL({"TRANSPOSE_CONV", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval, nullptr, /*type_input=*/2});

}  // namespace tflm_host
