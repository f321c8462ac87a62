// SignalEnergy: squared magnitudes of the int16 complex bins [start_index, end_index) as
// uint32. Other output elements are left untouched, as in TFLM.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/energy.h"

namespace tflm_host {
namespace {

struct EnergyData : OpData {
  int start = 0, end = 0;
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckRank(*input, 1, "input"));
  TFH_RETURN_IF_ERROR(CheckRank(*output, 1, "output"));
  TFH_RETURN_IF_ERROR(CheckType(*input, DType::kInt16, "input"));
  TFH_RETURN_IF_ERROR(CheckType(*output, DType::kUInt32, "output"));
  int64_t start, end;
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "start_index", 0, INT32_MAX, &start));
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "end_index", 0, INT32_MAX, &end));
  TFH_ENSURE(end <= input->dim(0) / 2 && end <= output->dim(0),
             "end_index %lld lies beyond the %d complex input bins or the %d outputs",
             static_cast<long long>(end), input->dim(0) / 2, output->dim(0));
  auto* data = context.make_data<EnergyData>();
  data->start = static_cast<int>(start);
  data->end = static_cast<int>(end);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<EnergyData>();
  reference::signal::SpectrumToEnergy(
      reinterpret_cast<const reference::signal::Complex<int16_t>*>(context.input(0)->data),
      data->start, data->end, context.output(0)->as<uint32_t>());
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalEnergy", "reference", {DType::kInt16}, Prepare, Eval});

}  // namespace tflm_host
