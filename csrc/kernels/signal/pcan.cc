// SignalPCAN: per-channel energy normalisation of uint32 channels (input 0) by gains looked
// up from the noise estimate (input 1) in an int16 gain table (input 2).
#include <cstring>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/pcan.h"

namespace tflm_host {
namespace {

struct PcanData : OpData {
  int snr_shift = 0;
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 3, 3, 1));
  const Tensor *input, *noise, *lut;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &noise));
  TFH_RETURN_IF_ERROR(RequireInput(context, 2, &lut));
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckRank(*input, 1, "input"));
  TFH_RETURN_IF_ERROR(CheckRank(*noise, 1, "noise estimate"));
  TFH_RETURN_IF_ERROR(CheckRank(*lut, 1, "gain table"));
  TFH_RETURN_IF_ERROR(CheckRank(*output, 1, "output"));
  TFH_RETURN_IF_ERROR(CheckType(*input, DType::kUInt32, "input"));
  TFH_RETURN_IF_ERROR(CheckType(*noise, DType::kUInt32, "noise estimate"));
  TFH_RETURN_IF_ERROR(CheckType(*lut, DType::kInt16, "gain table"));
  TFH_RETURN_IF_ERROR(CheckType(*output, DType::kUInt32, "output"));
  TFH_ENSURE(input->dim(0) > 0, "input must not be empty");
  TFH_ENSURE(noise->dim(0) == input->dim(0) && output->dim(0) == input->dim(0),
             "input, noise estimate and output must have the same length");
  // Any uint32 noise level can select the table's last interval.
  TFH_ENSURE(lut->dim(0) >= reference::signal::kPcanGainLutSize,
             "gain table has %d entries, needs %d", lut->dim(0),
             reference::signal::kPcanGainLutSize);
  int64_t snr_shift;
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "snr_shift", 0, 63, &snr_shift));
  context.make_data<PcanData>()->snr_shift = static_cast<int>(snr_shift);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  std::memcpy(output->data, input->data, output->bytes);
  reference::signal::PcanAutoGainControl(
      context.input(2)->as<int16_t>(), context.data<PcanData>()->snr_shift,
      context.input(1)->as<uint32_t>(), output->as<uint32_t>(), input->dim(0));
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalPCAN", "reference", {DType::kUInt32}, Prepare, Eval});

}  // namespace tflm_host
