// SOFTMAX: float32 -> float32, int8 -> int8, int8 -> int16 and int16 -> int16 with TFLM's
// Prepare checks (softmax_common.cc): the int8 input uses the fixed-point exp path, int16
// input the two interpolated lookup tables.
#include <cmath>
#include <vector>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/softmax/softmax_common.h"

namespace tflm_host {
namespace {

Status PrepareInt16(const Tensor& input, const Tensor& output, double beta, SoftmaxData* data) {
  TFH_RETURN_IF_ERROR(CheckType(output, DType::kInt16, "output"));
  TFH_ENSURE(input.zero_point() == 0 && output.zero_point() == 0,
             "int16 zero points must be 0, got %d and %d", input.zero_point(),
             output.zero_point());
  const float expected = 1.0f / 32768;
  TFH_ENSURE(std::abs(output.scale() - expected) <= 0.001f * expected,
             "int16 output scale must be 1/32768, got %g", output.scale());
  data->exp_lut.resize(reference::kInt16LutSize);
  data->one_over_one_plus_x_lut.resize(reference::kInt16LutSize);
  // exp() only ever sees differences <= 0, and exp(-10) no longer matters to the sum.
  reference::GenerateInt16Lut([](float x) { return std::exp(x); }, -10.0f, 0.0f, -1.0f, 1.0f,
                              data->exp_lut.data());
  reference::GenerateInt16Lut([](float x) { return 1.0f / (1.0f + x); }, 0.0f, 1.0f, -1.0f,
                              1.0f, data->one_over_one_plus_x_lut.data());
  auto& p = data->quant16;
  p.exp_lut = data->exp_lut.data();
  p.one_over_one_plus_x_lut = data->one_over_one_plus_x_lut.data();
  // Input differences of [-65535, 0] steps map onto the table's [-10, 0].
  const double multiplier = static_cast<double>(input.scale()) * beta / (10.0 / 65535.0);
  QuantizeMultiplier(multiplier, &p.input_multiplier, &p.input_shift);
  TFH_ENSURE(p.input_shift <= 31, "beta (%g) times input scale (%g) is too large", beta,
             input.scale());
  return Status::Ok();
}

// TFLM's PreprocessSoftmaxScaling + CalculateInputRadius: beta * input_scale as a multiplier
// of Q5.26 steps, and the most negative difference that cannot overflow once shifted.
Status PrepareQuantized(double beta, double input_scale, reference::SoftmaxQuantParams* p) {
  constexpr int kIntegerBits = reference::kSoftmaxDiffIntegerBits;
  const double real_multiplier =
      std::min(beta * input_scale * (1 << (31 - kIntegerBits)), (1LL << 31) - 1.0);
  // TFLM's QuantizeMultiplierGreaterThanOne aborts on this.
  TFH_ENSURE(real_multiplier > 1.0,
             "beta (%g) times input scale (%g) is too small for the int8 softmax", beta,
             input_scale);
  QuantizeMultiplier(real_multiplier, &p->input_multiplier, &p->input_left_shift);
  const double radius = 1.0 * ((1 << kIntegerBits) - 1) *
                        static_cast<double>(1LL << (31 - kIntegerBits)) /
                        static_cast<double>(1LL << p->input_left_shift);
  p->diff_min = -static_cast<int32_t>(std::floor(radius));
  return Status::Ok();
}

}  // namespace

Status PrepareSoftmax(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  Tensor* output = context.output(0);
  TFH_ENSURE(input->rank() >= 1, "input must have at least one dimension");
  TFH_ENSURE(SameShape(*input, *output), "output shape differs from the input shape");

  auto* data = context.make_data<SoftmaxData>();
  data->depth = input->dim(input->rank() - 1);
  data->rows = data->depth > 0 ? input->num_elements() / data->depth : 0;
  const double beta = context.options().get_float("beta", 0.0);
  data->beta = static_cast<float>(beta);

  if (input->type == DType::kFloat32) {
    return CheckType(*output, DType::kFloat32, "output");
  }
  TFH_ENSURE(input->type == DType::kInt8 || input->type == DType::kInt16,
             "input type %s is not supported", DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckQuantized(*input, "input"));
  if (input->type == DType::kInt16) return PrepareInt16(*input, *output, beta, data);
  if (output->type == DType::kInt16) {
    TFH_ENSURE(output->zero_point() == -32768,
               "int16 output zero point must be -32768, got %d", output->zero_point());
    const float expected = 1.0f / 65536;
    TFH_ENSURE(std::abs(output->scale() - expected) <= 0.001f * expected,
               "int16 output scale must be 1/65536, got %g", output->scale());
  } else {
    TFH_RETURN_IF_ERROR(CheckType(*output, DType::kInt8, "output"));
    TFH_ENSURE(output->zero_point() == -128, "int8 output zero point must be -128, got %d",
               output->zero_point());
    TFH_ENSURE(output->scale() == 1.0f / 256, "int8 output scale must be exactly 1/256, got %g",
               output->scale());
  }
  return PrepareQuantized(beta, static_cast<double>(input->scale()), &data->quant);
}

Status EvalSoftmaxReference(OpContext& context) {
  const auto* data = context.data<SoftmaxData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  if (input->type == DType::kFloat32) {
    reference::SoftmaxFloat(data->beta, data->rows, data->depth, input->as<float>(),
                            output->as<float>());
    return Status::Ok();
  }
  if (input->type == DType::kInt16) {
    reference::SoftmaxInt16(data->quant16, data->rows, data->depth, input->as<int16_t>(),
                            output->as<int16_t>());
    return Status::Ok();
  }
  const bool ok =
      output->type == DType::kInt16
          ? reference::SoftmaxInt8(data->quant, data->rows, data->depth, input->as<int8_t>(),
                                   output->as<int16_t>())
          : reference::SoftmaxInt8(data->quant, data->rows, data->depth, input->as<int8_t>(),
                                   output->as<int8_t>());
  if (!ok)
    return Status::Error(StatusCode::kRuntime,
                         Format("the sum of exponentials of a row of %d values exceeds the "
                                "precision of the softmax output (TFLM aborts here)",
                                data->depth));
  return Status::Ok();
}

TFH_REGISTER_KERNEL({"SOFTMAX", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     PrepareSoftmax, EvalSoftmaxReference});

}  // namespace tflm_host
