// SignalFilterBank: mel filter bank over a uint32 energy spectrum. Inputs: the spectrum,
// then int16 weights, unweights, channel frequency starts, channel weight starts and channel
// widths (the last three with num_channels + 1 entries). Output: uint64 channel energies.
#include <cstring>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/filter_bank.h"

namespace tflm_host {
namespace {

enum { kSpectrum, kWeights, kUnweights, kFrequencyStarts, kWeightStarts, kWidths };

struct FilterBankData : OpData {
  int num_channels = 0;
  int work_scratch = -1;  // num_channels + 1 accumulators
};

// The table tensors index the spectrum and the weights; TFLM trusts them, we check them once,
// which needs them constant.
Status CheckTables(const OpContext& context, int num_channels) {
  const Tensor* spectrum = context.input(kSpectrum);
  const Tensor* weights = context.input(kWeights);
  const Tensor* unweights = context.input(kUnweights);
  const Tensor* starts = context.input(kFrequencyStarts);
  const Tensor* weight_starts = context.input(kWeightStarts);
  const Tensor* widths = context.input(kWidths);
  for (const Tensor* t : {weights, unweights, starts, weight_starts, widths})
    TFH_ENSURE(t->is_constant, "the filter bank tables (inputs 1-5) must be constants");
  const int64_t entries = num_channels + 1;
  TFH_ENSURE(starts->num_elements() >= entries && weight_starts->num_elements() >= entries &&
                 widths->num_elements() >= entries,
             "channel tables need num_channels + 1 = %lld entries",
             static_cast<long long>(entries));
  TFH_ENSURE(unweights->num_elements() == weights->num_elements(),
             "weights and unweights differ in length");
  for (int64_t i = 0; i < entries; ++i) {
    const int start = starts->as<int16_t>()[i];
    const int weight_start = weight_starts->as<int16_t>()[i];
    const int width = widths->as<int16_t>()[i];
    TFH_ENSURE(start >= 0 && weight_start >= 0 && width >= 0,
               "channel %lld has a negative start or width", static_cast<long long>(i));
    TFH_ENSURE(start + width <= spectrum->num_elements(),
               "channel %lld reads spectrum bins %d..%d of %lld", static_cast<long long>(i),
               start, start + width - 1, static_cast<long long>(spectrum->num_elements()));
    TFH_ENSURE(weight_start + width <= weights->num_elements(),
               "channel %lld reads weights %d..%d of %lld", static_cast<long long>(i),
               weight_start, weight_start + width - 1,
               static_cast<long long>(weights->num_elements()));
  }
  return Status::Ok();
}

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 6, 6, 1));
  const char* names[] = {"spectrum", "weights", "unweights", "channel frequency starts",
                         "channel weight starts", "channel widths"};
  for (int i = 0; i < 6; ++i) {
    const Tensor* t;
    TFH_RETURN_IF_ERROR(RequireInput(context, i, &t));
    TFH_RETURN_IF_ERROR(CheckRank(*t, 1, names[i]));
    TFH_RETURN_IF_ERROR(CheckType(*t, i == kSpectrum ? DType::kUInt32 : DType::kInt16, names[i]));
  }
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckRank(*output, 1, "output"));
  TFH_RETURN_IF_ERROR(CheckType(*output, DType::kUInt64, "output"));
  int64_t num_channels;
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "num_channels", 1, 1 << 16, &num_channels));
  // TFLM copies the output's size out of its num_channels accumulators.
  TFH_ENSURE(output->dim(0) <= num_channels, "output has %d channels, num_channels is %lld",
             output->dim(0), static_cast<long long>(num_channels));
  TFH_RETURN_IF_ERROR(CheckTables(context, static_cast<int>(num_channels)));
  auto* data = context.make_data<FilterBankData>();
  data->num_channels = static_cast<int>(num_channels);
  data->work_scratch = context.request_scratch((num_channels + 1) * sizeof(uint64_t));
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<FilterBankData>();
  reference::signal::FilterBankConfig config;
  config.num_channels = data->num_channels;
  config.weights = context.input(kWeights)->as<int16_t>();
  config.unweights = context.input(kUnweights)->as<int16_t>();
  config.frequency_starts = context.input(kFrequencyStarts)->as<int16_t>();
  config.weight_starts = context.input(kWeightStarts)->as<int16_t>();
  config.widths = context.input(kWidths)->as<int16_t>();
  auto* work = static_cast<uint64_t*>(context.scratch(data->work_scratch));
  reference::signal::FilterBankAccumulate(config, context.input(kSpectrum)->as<uint32_t>(), work);
  Tensor* output = context.output(0);
  std::memcpy(output->data, work + 1, output->bytes);  // accumulator 0 is scratch
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalFilterBank", "reference", {DType::kUInt32}, Prepare, Eval});

}  // namespace tflm_host
