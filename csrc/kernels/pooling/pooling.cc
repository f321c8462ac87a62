// AVERAGE_POOL_2D and MAX_POOL_2D: one Prepare (TFLM's PoolingPrepare) derives the window
// geometry and the clamp range; each Eval dispatches on the tensor type.
#include <cmath>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/pooling/pooling_common.h"

namespace tflm_host {
namespace {

// TFLM's ComputeOutSize: the output extent that SAME/VALID padding implies.
int PooledSize(Padding padding, int input, int filter, int stride) {
  return padding == Padding::kSame ? (input + stride - 1) / stride
                                   : (input + stride - filter) / stride;
}

// TFLM's ComputePaddingWithOffset (dilation 1): the padding before the first cell, the
// smaller half when the total is odd.
int PaddingBefore(int input, int filter, int stride, int output) {
  const int total = (output - 1) * stride + filter - input;
  return total > 0 ? total / 2 : 0;
}

}  // namespace

Status PreparePool(OpContext& context, PoolData* data) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  Tensor* output = context.output(0);
  TFH_ENSURE(input->rank() == 4, "input must be 4-D (NHWC), got rank %d", input->rank());
  TFH_ENSURE(output->rank() == 4, "output must be 4-D (NHWC), got rank %d", output->rank());
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));

  const Options& options = context.options();
  const int64_t padding = options.get_int("padding", 0);
  TFH_ENSURE(padding == static_cast<int>(Padding::kSame) ||
                 padding == static_cast<int>(Padding::kValid),
             "unknown padding %lld", static_cast<long long>(padding));
  auto& g = data->geometry;
  g.stride_height = static_cast<int>(options.get_int("stride_h"));
  g.stride_width = static_cast<int>(options.get_int("stride_w"));
  g.filter_height = static_cast<int>(options.get_int("filter_height"));
  g.filter_width = static_cast<int>(options.get_int("filter_width"));
  TFH_ENSURE(g.stride_height > 0 && g.stride_width > 0, "strides must be positive, got %dx%d",
             g.stride_height, g.stride_width);
  TFH_ENSURE(g.filter_height > 0 && g.filter_width > 0,
             "filter size must be positive, got %dx%d", g.filter_height, g.filter_width);

  g.batches = input->dim(0);
  g.input_height = input->dim(1);
  g.input_width = input->dim(2);
  g.depth = input->dim(3);
  const auto pad = static_cast<Padding>(padding);
  const int out_height = PooledSize(pad, g.input_height, g.filter_height, g.stride_height);
  const int out_width = PooledSize(pad, g.input_width, g.filter_width, g.stride_width);
  TFH_ENSURE(out_height > 0 && out_width > 0,
             "a %dx%d filter leaves no output on a %dx%d input with VALID padding",
             g.filter_height, g.filter_width, g.input_height, g.input_width);
  TFH_ENSURE(output->dim(0) == g.batches && output->dim(1) == out_height &&
                 output->dim(2) == out_width && output->dim(3) == g.depth,
             "output shape [%d,%d,%d,%d] does not match the pooled shape [%d,%d,%d,%d]",
             output->dim(0), output->dim(1), output->dim(2), output->dim(3), g.batches,
             out_height, out_width, g.depth);
  g.output_height = out_height;
  g.output_width = out_width;
  g.pad_height = PaddingBefore(g.input_height, g.filter_height, g.stride_height, out_height);
  g.pad_width = PaddingBefore(g.input_width, g.filter_width, g.stride_width, out_width);

  // TFLM treats fused activations other than the RELU family as none here.
  const Activation activation = FusedActivation(context);
  if (input->type == DType::kFloat32) {
    FloatActivationRange(activation, &data->act_min_f, &data->act_max_f);
    return Status::Ok();
  }
  TFH_ENSURE(input->type == DType::kInt8 || input->type == DType::kInt16,
             "input type %s is not supported", DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckQuantized(*input, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(*output, "output"));
  // Pooling never rescales, so TFLM requires identical quantization on both sides.
  const double scale_diff = std::abs(static_cast<double>(input->scale()) -
                                     static_cast<double>(output->scale()));
  TFH_ENSURE(scale_diff <= 1.0e-6, "input scale %g and output scale %g differ",
             input->scale(), output->scale());
  TFH_ENSURE(input->zero_point() == output->zero_point(),
             "input zero point %d and output zero point %d differ", input->zero_point(),
             output->zero_point());
  QuantizedActivationRange(activation, *output, &data->act_min, &data->act_max);
  return Status::Ok();
}

Status PreparePoolReference(OpContext& context) {
  return PreparePool(context, context.make_data<PoolData>());
}

Status EvalAveragePoolReference(OpContext& context) {
  const auto* data = context.data<PoolData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  switch (input->type) {
    case DType::kFloat32:
      reference::AveragePoolFloat(data->geometry, data->act_min_f, data->act_max_f,
                                  input->as<float>(), output->as<float>());
      break;
    case DType::kInt8:
      reference::AveragePoolQuantized(data->geometry, data->act_min, data->act_max,
                                      input->as<int8_t>(), output->as<int8_t>());
      break;
    default:
      reference::AveragePoolQuantized(data->geometry, data->act_min, data->act_max,
                                      input->as<int16_t>(), output->as<int16_t>());
  }
  return Status::Ok();
}

Status EvalMaxPoolReference(OpContext& context) {
  const auto* data = context.data<PoolData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  switch (input->type) {
    case DType::kFloat32:
      reference::MaxPool(data->geometry, data->act_min_f, data->act_max_f, input->as<float>(),
                         output->as<float>());
      break;
    case DType::kInt8:
      reference::MaxPool(data->geometry, static_cast<int8_t>(data->act_min),
                         static_cast<int8_t>(data->act_max), input->as<int8_t>(),
                         output->as<int8_t>());
      break;
    default:
      reference::MaxPool(data->geometry, static_cast<int16_t>(data->act_min),
                         static_cast<int16_t>(data->act_max), input->as<int16_t>(),
                         output->as<int16_t>());
  }
  return Status::Ok();
}

TFH_REGISTER_KERNEL({"AVERAGE_POOL_2D", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16}, PreparePoolReference,
                     EvalAveragePoolReference});
TFH_REGISTER_KERNEL({"MAX_POOL_2D", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     PreparePoolReference, EvalMaxPoolReference});

}  // namespace tflm_host
