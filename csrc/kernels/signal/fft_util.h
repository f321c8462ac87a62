// What SignalRfft and SignalIrfft share: their options, their tensor checks and the KISS FFT
// plan of the op's sample type.
#pragma once

#include <memory>

#include "core/op_context.h"
#include "core/status.h"
#include "kernels/common/prepare_util.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/kiss_fft.h"

namespace tflm_host {

// One KISS FFT plan, of the op's type; twiddles are computed once, in Prepare (TFLM keeps
// them in its arena).
struct FftPlan {
  DType type = DType::kFloat32;
  int fft_length = 0;
  std::unique_ptr<reference::signal::RealFft<int16_t>> int16;
  std::unique_ptr<reference::signal::RealFft<int32_t>> int32;
  std::unique_ptr<reference::signal::RealFft<float>> float32;

  size_t sample_bytes() const { return type == DType::kInt16 ? 2 : 4; }

  // Calls fn(plan) with the plan of `type`; its sample type is the plan's value_type.
  template <typename Fn>
  void Visit(Fn&& fn) const {
    switch (type) {
      case DType::kInt16: fn(*int16); break;
      case DType::kInt32: fn(*int32); break;
      default: fn(*float32); break;
    }
  }
};

// Prepare of both ops: one input and one output of the same rank, both of the type the "T"
// option names (a TensorType code; TFLM reads a missing T as FLOAT32), and an fft_length
// TFLM's KISS FFT build can compute. Makes the plan.
inline Status PrepareFft(const OpContext& context, bool inverse, FftPlan* plan) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  plan->type = static_cast<DType>(context.options().get_int("T", 0));
  TFH_ENSURE(plan->type == DType::kInt16 || plan->type == DType::kInt32 ||
                 plan->type == DType::kFloat32,
             "option T is %s; the FFT ops run on int16, int32 and float32",
             DTypeName(plan->type));
  TFH_RETURN_IF_ERROR(CheckType(*input, plan->type, "input"));
  TFH_RETURN_IF_ERROR(CheckType(*output, plan->type, "output"));
  TFH_ENSURE(input->rank() >= 1 && input->rank() == output->rank(),
             "input and output must have the same rank, at least 1");
  TFH_ENSURE(FlatSize(input->dims, 0, input->rank() - 1) ==
                 FlatSize(output->dims, 0, output->rank() - 1),
             "input and output hold different numbers of frames");
  int64_t length;
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "fft_length", 4, 1 << 20, &length));
  TFH_ENSURE(reference::signal::RfftLengthSupported(static_cast<int>(length)),
             "fft_length %lld is not supported: it must be even with half of it a product of "
             "2, 3 and 5 (TFLM's KISS FFT build)", static_cast<long long>(length));
  plan->fft_length = static_cast<int>(length);
  using reference::signal::RealFft;
  switch (plan->type) {
    case DType::kInt16: plan->int16 = std::make_unique<RealFft<int16_t>>(length, inverse); break;
    case DType::kInt32: plan->int32 = std::make_unique<RealFft<int32_t>>(length, inverse); break;
    default: plan->float32 = std::make_unique<RealFft<float>>(length, inverse); break;
  }
  return Status::Ok();
}

}  // namespace tflm_host
