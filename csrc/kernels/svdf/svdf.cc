// SVDF: float32, and int8 with an int8 or int16 state (TFLM's svdf.cc / svdf_common.cc).
// Inputs: input [batch, input_size], weights_feature [filters, input_size], weights_time
// [filters, memory], bias [units] (required: see Prepare), and the variable state [batch, memory * filters].
#include <cmath>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/svdf/svdf_common.h"

namespace tflm_host {
namespace {

// TFLM's ActivationValFloat.
float ActivateFloat(Activation activation, float x) {
  switch (activation) {
    case Activation::kRelu: return std::max(0.0f, x);
    case Activation::kReluN1To1: return std::max(-1.0f, std::min(x, 1.0f));
    case Activation::kRelu6: return std::max(0.0f, std::min(x, 6.0f));
    case Activation::kTanh: return std::tanh(x);
    case Activation::kSignBit: return std::signbit(x) ? 1.0f : 0.0f;
    default: return x;
  }
}

Status CheckShapes(const Tensor& input, const Tensor& weights_feature, const Tensor& weights_time,
                   const Tensor& bias, const Tensor& state, const Tensor& output, int rank,
                   reference::SvdfShape* s) {
  TFH_ENSURE(input.rank() == 2, "input must be 2-D [batch, input_size], got rank %d",
             input.rank());
  TFH_ENSURE(weights_feature.rank() == 2, "weights_feature must be 2-D, got rank %d",
             weights_feature.rank());
  TFH_ENSURE(weights_time.rank() == 2, "weights_time must be 2-D, got rank %d",
             weights_time.rank());
  TFH_ENSURE(rank > 0, "rank must be positive, got %d", rank);
  s->batch = input.dim(0);
  s->input_size = input.dim(1);
  s->num_filters = weights_feature.dim(0);
  s->rank = rank;
  TFH_ENSURE(s->num_filters % rank == 0, "%d filters are not a multiple of rank %d",
             s->num_filters, rank);
  s->num_units = s->num_filters / rank;
  s->memory = weights_time.dim(1);
  TFH_ENSURE(weights_feature.dim(1) == s->input_size,
             "weights_feature has %d columns for an input of size %d", weights_feature.dim(1),
             s->input_size);
  TFH_ENSURE(weights_time.dim(0) == s->num_filters,
             "weights_time has %d rows for %d filters", weights_time.dim(0), s->num_filters);
  TFH_ENSURE(s->memory > 0, "weights_time has no memory columns");
  TFH_ENSURE(output.rank() == 2 && output.dim(0) == s->batch && output.dim(1) == s->num_units,
             "output must be [%d, %d]", s->batch, s->num_units);
  TFH_ENSURE(bias.rank() >= 1 && bias.dim(0) == s->num_units, "bias must have %d elements",
             s->num_units);
  TFH_ENSURE(state.rank() == 2 && state.dim(0) == s->batch &&
                 static_cast<int64_t>(state.dim(1)) ==
                     static_cast<int64_t>(s->memory) * s->num_filters,
             "activation state must be [%d, %d]", s->batch, s->memory * s->num_filters);
  TFH_ENSURE(state.is_variable, "activation state (input 4) must be a variable tensor");
  return Status::Ok();
}

Status PrepareInteger(const Tensor& input, const Tensor& weights_feature,
                      const Tensor& weights_time, const Tensor* bias, const Tensor& state,
                      const Tensor& output, SvdfData* data) {
  TFH_RETURN_IF_ERROR(CheckType(weights_feature, DType::kInt8, "weights_feature"));
  TFH_ENSURE(weights_time.type == DType::kInt8 || weights_time.type == DType::kInt16,
             "weights_time must be int8 or int16, got %s", DTypeName(weights_time.type));
  // TFLM reads the state as the time weights' type, so the two must agree.
  TFH_RETURN_IF_ERROR(CheckType(state, weights_time.type, "activation state"));
  TFH_RETURN_IF_ERROR(CheckType(*bias, DType::kInt32, "bias"));
  TFH_RETURN_IF_ERROR(CheckType(output, DType::kInt8, "output"));
  for (const Tensor* t : {&input, &weights_feature, &weights_time, bias, &state, &output}) {
    TFH_RETURN_IF_ERROR(CheckQuantized(*t, "SVDF tensor"));
  }
  // Scales multiply in float before widening, as in TFLM.
  const float state_time_scale = state.scale() * weights_time.scale();
  TFH_ENSURE(std::abs(static_cast<double>(bias->scale()) -
                      static_cast<double>(state_time_scale)) < 1e-5,
             "bias scale %g must equal state scale x time weights scale (%g)", bias->scale(),
             state_time_scale);
  const float feature_scale = input.scale() * weights_feature.scale() / state.scale();
  const float time_scale = state_time_scale / output.scale();
  auto& q = data->quant;
  QuantizeMultiplier(static_cast<double>(feature_scale), &q.feature_multiplier, &q.feature_shift);
  QuantizeMultiplier(static_cast<double>(time_scale), &q.time_multiplier, &q.time_shift);
  TFH_ENSURE(q.feature_shift <= 31 && q.time_shift <= 31,
             "SVDF rescale factors %g and %g are too large", feature_scale, time_scale);
  q.input_zero_point = input.zero_point();
  q.state_zero_point = state.zero_point();
  q.output_zero_point = output.zero_point();
  return Status::Ok();
}

}  // namespace

Status PrepareSvdf(OpContext& context, SvdfData* data) {
  TFH_ENSURE(context.num_inputs() == 5, "SVDF expects 5 inputs, got %d",
             context.num_inputs());
  TFH_ENSURE(context.num_outputs() == 1, "SVDF expects 1 output, got %d", context.num_outputs());
  const Tensor *input, *weights_feature, *weights_time, *state;
  TFH_RETURN_IF_ERROR(RequireInput(context, kSvdfInput, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, kSvdfWeightsFeature, &weights_feature));
  TFH_RETURN_IF_ERROR(RequireInput(context, kSvdfWeightsTime, &weights_time));
  TFH_RETURN_IF_ERROR(RequireInput(context, kSvdfState, &state));
  // The schema makes the bias optional, but TFLM dereferences it in both paths (its TODO
  // #1751) and crashes without one.
  const Tensor* bias;
  TFH_RETURN_IF_ERROR(RequireInput(context, kSvdfBias, &bias));
  const Tensor& output = *context.output(0);

  const int rank = static_cast<int>(context.options().get_int("rank", 0));
  TFH_RETURN_IF_ERROR(CheckShapes(*input, *weights_feature, *weights_time, *bias, *state, output,
                                  rank, &data->shape));
  data->activation = FusedActivation(context);
  const auto& s = data->shape;
  const size_t filters = static_cast<size_t>(s.batch) * s.num_filters;
  const size_t units = static_cast<size_t>(s.batch) * s.num_units;

  if (input->type == DType::kInt8) {
    TFH_RETURN_IF_ERROR(
        PrepareInteger(*input, *weights_feature, *weights_time, bias, *state, output, data));
    data->filter_sums = context.request_scratch(filters * sizeof(int32_t));
    data->unit_sums = context.request_scratch(units * sizeof(int32_t));
    return Status::Ok();
  }
  TFH_ENSURE(input->type == DType::kFloat32, "SVDF input must be float32 or int8, got %s",
             DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckType(*weights_feature, DType::kFloat32, "weights_feature"));
  TFH_RETURN_IF_ERROR(CheckType(*weights_time, DType::kFloat32, "weights_time"));
  TFH_RETURN_IF_ERROR(CheckType(*state, DType::kFloat32, "activation state"));
  TFH_RETURN_IF_ERROR(CheckType(*bias, DType::kFloat32, "bias"));
  TFH_RETURN_IF_ERROR(CheckType(output, DType::kFloat32, "output"));
  TFH_ENSURE(static_cast<int>(data->activation) >= 0 &&
                 static_cast<int>(data->activation) <= static_cast<int>(Activation::kSignBit),
             "unsupported fused activation %d", static_cast<int>(data->activation));
  data->filter_sums = context.request_scratch(filters * sizeof(float));
  return Status::Ok();
}

Status PrepareSvdfReference(OpContext& context) {
  return PrepareSvdf(context, context.make_data<SvdfData>());
}

Status EvalSvdfReference(OpContext& context) {
  const auto& data = *context.data<SvdfData>();
  const Tensor* input = context.input(kSvdfInput);
  const Tensor* weights_feature = context.input(kSvdfWeightsFeature);
  const Tensor* weights_time = context.input(kSvdfWeightsTime);
  const Tensor* bias = context.input(kSvdfBias);
  Tensor* state = context.mutable_input(kSvdfState);
  Tensor* output = context.output(0);

  if (input->type == DType::kFloat32) {
    const Activation activation = data.activation;
    reference::SvdfFloat(data.shape, input->as<float>(), weights_feature->as<float>(),
                         weights_time->as<float>(), bias->as<float>(),
                         state->as<float>(), static_cast<float*>(context.scratch(data.filter_sums)),
                         output->as<float>(),
                         [activation](float x) { return ActivateFloat(activation, x); });
    return Status::Ok();
  }
  auto* filter_sums = static_cast<int32_t*>(context.scratch(data.filter_sums));
  auto* unit_sums = static_cast<int32_t*>(context.scratch(data.unit_sums));
  if (weights_time->type == DType::kInt16) {
    reference::SvdfInteger(data.shape, data.quant, input->as<int8_t>(),
                           weights_feature->as<int8_t>(), weights_time->as<int16_t>(),
                           bias->as<int32_t>(), state->as<int16_t>(), filter_sums, unit_sums,
                           output->as<int8_t>());
  } else {
    reference::SvdfInteger(data.shape, data.quant, input->as<int8_t>(),
                           weights_feature->as<int8_t>(), weights_time->as<int8_t>(),
                           bias->as<int32_t>(), state->as<int8_t>(), filter_sums, unit_sums,
                           output->as<int8_t>());
  }
  return Status::Ok();
}

TFH_REGISTER_KERNEL({"SVDF", "reference", {DType::kFloat32, DType::kInt8}, PrepareSvdfReference,
                     EvalSvdfReference});

}  // namespace tflm_host
