// SignalFilterBankSquareRoot: square root of each uint64 channel, shifted right by the
// int32 scalar input 1 (FftAutoScale's shift), as uint32.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/filter_bank_square_root.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *input, *scale_bits;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &scale_bits));
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckRank(*input, 1, "input"));
  TFH_RETURN_IF_ERROR(CheckRank(*scale_bits, 0, "scale bits"));
  TFH_RETURN_IF_ERROR(CheckRank(*output, 1, "output"));
  TFH_RETURN_IF_ERROR(CheckType(*input, DType::kUInt64, "input"));
  TFH_RETURN_IF_ERROR(CheckType(*scale_bits, DType::kInt32, "scale bits"));
  TFH_RETURN_IF_ERROR(CheckType(*output, DType::kUInt32, "output"));
  // TFLM writes one output per input channel.
  TFH_ENSURE(output->dim(0) >= input->dim(0), "output is shorter than the input");
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const Tensor* input = context.input(0);
  reference::signal::FilterBankSqrt(input->as<uint64_t>(), input->dim(0),
                                    *context.input(1)->as<int32_t>(),
                                    context.output(0)->as<uint32_t>());
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalFilterBankSquareRoot", "reference", {DType::kUInt64}, Prepare, Eval});

}  // namespace tflm_host
