// SignalFilterBankSpectralSubtraction: subtracts a running per-channel noise estimate from
// uint32 channels. The estimate is state: it lives in the arena's persistent area, survives
// invokes and is zeroed by reset(). Output 1 is a copy of the updated estimate.
#include <cstring>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/spectral_subtraction.h"

namespace tflm_host {
namespace {

struct SpectralSubtractionData : OpData {
  reference::signal::SpectralSubtractionConfig config{};
  int noise_estimate = -1;  // persistent buffer of num_channels uint32
};

Status ReadConfig(const OpContext& context, reference::signal::SpectralSubtractionConfig* c) {
  int64_t v;
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "num_channels", 1, 1 << 16, &v));
  c->num_channels = static_cast<int>(v);
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "smoothing", 0, UINT32_MAX, &v));
  c->smoothing = static_cast<uint32_t>(v);
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "one_minus_smoothing", 0, UINT32_MAX, &v));
  c->one_minus_smoothing = static_cast<uint32_t>(v);
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "alternate_smoothing", 0, UINT32_MAX, &v));
  c->alternate_smoothing = static_cast<uint32_t>(v);
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "alternate_one_minus_smoothing", 0, UINT32_MAX, &v));
  c->alternate_one_minus_smoothing = static_cast<uint32_t>(v);
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "min_signal_remaining", 0, UINT32_MAX, &v));
  c->min_signal_remaining = static_cast<uint32_t>(v);
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "smoothing_bits", 0, 31, &v));
  c->smoothing_bits = static_cast<int>(v);
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "spectral_subtraction_bits", 0, 63, &v));
  c->spectral_subtraction_bits = static_cast<int>(v);
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "clamping", INT64_MIN, INT64_MAX, &v));
  c->clamping = v != 0;
  return Status::Ok();
}

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 2));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  const Tensor* noise = context.output(1);
  TFH_RETURN_IF_ERROR(CheckRank(*input, 1, "input"));
  TFH_RETURN_IF_ERROR(CheckRank(*output, 1, "output"));
  TFH_RETURN_IF_ERROR(CheckRank(*noise, 1, "noise estimate output"));
  TFH_RETURN_IF_ERROR(CheckType(*input, DType::kUInt32, "input"));
  TFH_RETURN_IF_ERROR(CheckType(*output, DType::kUInt32, "output"));
  TFH_RETURN_IF_ERROR(CheckType(*noise, DType::kUInt32, "noise estimate output"));
  auto* data = context.make_data<SpectralSubtractionData>();
  TFH_RETURN_IF_ERROR(ReadConfig(context, &data->config));
  const int channels = data->config.num_channels;
  TFH_ENSURE(input->dim(0) >= channels && output->dim(0) >= channels,
             "input and output need num_channels = %d elements", channels);
  // TFLM copies the noise output's size out of its num_channels estimates.
  TFH_ENSURE(noise->dim(0) <= channels, "noise estimate output has more than %d elements",
             channels);
  data->noise_estimate = context.request_persistent(channels * sizeof(uint32_t));
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<SpectralSubtractionData>();
  auto* estimate = static_cast<uint32_t*>(context.persistent(data->noise_estimate));
  reference::signal::SpectralSubtraction(data->config, context.input(0)->as<uint32_t>(),
                                         context.output(0)->as<uint32_t>(), estimate);
  Tensor* noise = context.output(1);
  std::memcpy(noise->data, estimate, noise->bytes);
  return Status::Ok();
}

void Reset(OpContext& context) {
  const auto* data = context.data<SpectralSubtractionData>();
  std::memset(context.persistent(data->noise_estimate), 0,
              context.persistent_size(data->noise_estimate));
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalFilterBankSpectralSubtraction", "reference", {DType::kUInt32},
                     Prepare, Eval, Reset});

}  // namespace tflm_host
