#include "kernels/common/fixed_point_activation.h"

#include <cmath>

#include "reference/quantization.h"

namespace tflm_host {

Status PrepareFixedPointActivation(const Tensor& input,
                                   reference::FixedPointActivationParams* params) {
  constexpr int kIntegerBits = reference::kActivationInputIntegerBits;
  const double real_multiplier =
      static_cast<double>(input.scale()) * static_cast<double>(1 << (31 - kIntegerBits));
  int shift = 0;
  const double significand = std::frexp(real_multiplier, &shift);
  // Beyond these shifts TFLM's radius computation shifts by a negative or >= 63 amount
  // (undefined behaviour): input scales below 2^-28 or from 2^35 up, never seen in real models.
  TFH_ENSURE(shift >= 0 && shift < 63,
             "int8 input scale %g is outside the range TFLM's fixed-point rescaling supports",
             input.scale());
  params->input_zero_point = input.zero_point();
  params->input_multiplier =
      static_cast<int32_t>(std::round(significand * static_cast<double>(1LL << 31)));
  params->input_left_shift = shift;
  // The largest |input| whose rescaled value stays below 2^31 (CalculateInputRadius).
  const double max_input_rescaled = static_cast<double>((1 << kIntegerBits) - 1) *
                                    static_cast<double>(1LL << (31 - kIntegerBits)) /
                                    static_cast<double>(1LL << shift);
  params->input_range_radius = static_cast<int32_t>(std::floor(max_input_rescaled));
  return Status::Ok();
}

Status PrepareSigmoidInt16Rescale(const Tensor& input, const Tensor& output, bool is_tanh,
                                  int32_t* multiplier, int32_t* shift) {
  constexpr int kInputIntegerBits = 3;
  constexpr int kOutputFractionalBits = 15;
  TFH_ENSURE(input.zero_point() == 0 && output.zero_point() == 0,
             "int16 zero points must be 0, got %d and %d", input.zero_point(),
             output.zero_point());
  int output_log2 = 0;
  TFH_ENSURE(CheckedLog2(output.scale(), &output_log2) && output_log2 == -kOutputFractionalBits,
             "int16 output scale must be 2^-15, got %g", output.scale());
  int input_log2 = 0;
  const bool power_of_two = CheckedLog2(input.scale(), &input_log2);
  *shift = (15 - kInputIntegerBits) + input_log2;
  if (power_of_two && (*shift == 0 || (is_tanh && *shift == 1))) {
    *multiplier = 0;
    return Status::Ok();
  }
  // Doubles the multiplier into [2^14, 2^15) where possible, counting the shift.
  double real_multiplier = static_cast<double>(input.scale()) * 4096.0 * 3.0;
  *shift = 0;
  while (real_multiplier <= 32767.0 / 2.0 && *shift <= 30) {
    ++*shift;
    real_multiplier *= 2.0;
  }
  // TFLM only DCHECKs the multiplier against 32767; beyond 2^16 its int32 products overflow.
  TFH_ENSURE(real_multiplier <= 65536.0,
             "int16 input scale %g is too large for TFLM's int16 rescaling", input.scale());
  *multiplier = static_cast<int32_t>(real_multiplier);
  return Status::Ok();
}

Status PrepareFixedPointActivationData(OpContext& context, const Tensor& input,
                                       const Tensor& output, bool is_tanh) {
  auto* data = context.make_data<FixedPointActivationData>();
  data->size = input.num_elements();
  if (input.type == DType::kInt8) return PrepareFixedPointActivation(input, &data->params);
  if (input.type == DType::kInt16)
    return PrepareSigmoidInt16Rescale(input, output, is_tanh, &data->int16_multiplier,
                                      &data->int16_shift);
  return Status::Ok();
}

}  // namespace tflm_host
