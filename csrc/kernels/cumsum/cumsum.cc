// CUMSUM: float and int8 (TFLM's types) along the axis of a one-element int32 tensor, with
// the exclusive and reverse options. TFLM reads the axis in Eval, so a non-constant axis is
// allowed and checked there.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/single_axis.h"
#include "reference/cumsum.h"

namespace tflm_host {
namespace {

// int8 inputs are rescaled with this much headroom before summing (TFLM's kCumSumIntegerShift).
constexpr int kCumSumLeftShift = 20;

struct CumSumData : OpData {
  reference::CumSumShape shape;  // from a constant axis; recomputed in Eval otherwise
  reference::CumSumQuantParams quant{};
  bool axis_is_constant = false;
};

void SetScanAxis(const Tensor& input, int axis, reference::CumSumShape* shape) {
  shape->outer = FlatSize(input.dims, 0, axis);
  shape->depth = input.dim(axis);
  shape->inner = FlatSize(input.dims, axis + 1, input.rank());
}

// Both multipliers must be below one (TFLM's QuantizeMultiplierSmallerThanOneExp aborts).
Status PrepareInt8(const Tensor& input, const Tensor& output, reference::CumSumQuantParams* q) {
  TFH_RETURN_IF_ERROR(CheckQuantized(input, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(output, "output"));
  q->input_offset = -input.zero_point();
  q->output_offset = output.zero_point();
  q->left_shift = kCumSumLeftShift;
  const double twice_input_scale = 2 * static_cast<double>(input.scale());
  const double input_real = static_cast<double>(input.scale()) / twice_input_scale;
  const double output_real =
      twice_input_scale / ((1 << kCumSumLeftShift) * static_cast<double>(output.scale()));
  TFH_ENSURE(output_real < 1.0, "CUMSUM output rescale factor %g must be below 1 (output "
             "scale too small for the input scale)", output_real);
  QuantizeMultiplier(input_real, &q->input_multiplier, &q->input_shift);
  QuantizeMultiplier(output_real, &q->output_multiplier, &q->output_shift);
  return Status::Ok();
}

Status Prepare(OpContext& context) {
  const Tensor *input, *axis;
  TFH_RETURN_IF_ERROR(GetSingleAxisOperands(context, "CUMSUM", &input, &axis));
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  TFH_ENSURE(SameShape(*input, *output), "output shape must equal the input shape");
  auto* data = context.make_data<CumSumData>();
  data->shape.exclusive = context.options().get_int("exclusive") != 0;
  data->shape.reverse = context.options().get_int("reverse") != 0;
  if (input->type == DType::kInt8) TFH_RETURN_IF_ERROR(PrepareInt8(*input, *output, &data->quant));
  data->axis_is_constant = axis->is_constant;
  if (!axis->is_constant) return Status::Ok();
  int resolved;
  TFH_RETURN_IF_ERROR(ResolveSingleAxis(*axis, input->rank(), &resolved));
  SetScanAxis(*input, resolved, &data->shape);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<CumSumData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  reference::CumSumShape shape = data->shape;
  if (!data->axis_is_constant) {
    int resolved;
    TFH_RETURN_IF_ERROR(ResolveAxisInput(context, input->rank(), &resolved));
    SetScanAxis(*input, resolved, &shape);
  }
  if (input->type == DType::kFloat32)
    reference::CumSumFloat(shape, input->as<float>(), output->as<float>());
  else
    reference::CumSumInt8(shape, data->quant, input->as<int8_t>(), output->as<int8_t>());
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"CUMSUM", "reference", {DType::kFloat32, DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
