#include "kernels/common/fixed_point_activation.h"

#include <cmath>

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

}  // namespace tflm_host
