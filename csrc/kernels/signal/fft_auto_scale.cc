// SignalFftAutoScale: scales an int16 frame up to use the full int16 range before the
// fixed-point FFT; output 1 is the int32 scalar shift, for FilterBankSquareRoot to undo.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/fft_auto_scale.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 2));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  const Tensor* scale_bits = context.output(1);
  TFH_RETURN_IF_ERROR(CheckRank(*input, 1, "input"));
  TFH_RETURN_IF_ERROR(CheckRank(*output, 1, "output"));
  TFH_RETURN_IF_ERROR(CheckRank(*scale_bits, 0, "scale bits output"));
  TFH_RETURN_IF_ERROR(CheckType(*input, DType::kInt16, "input"));
  TFH_RETURN_IF_ERROR(CheckType(*output, DType::kInt16, "output"));
  TFH_RETURN_IF_ERROR(CheckType(*scale_bits, DType::kInt32, "scale bits output"));
  // TFLM scans the output's length of input.
  TFH_ENSURE(output->dim(0) <= input->dim(0), "output is longer than the input");
  return Status::Ok();
}

Status Eval(OpContext& context) {
  Tensor* output = context.output(0);
  *context.output(1)->as<int32_t>() = reference::signal::FftAutoScale(
      context.input(0)->as<int16_t>(), output->dim(0), output->as<int16_t>());
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalFftAutoScale", "reference", {DType::kInt16}, Prepare, Eval});

}  // namespace tflm_host
