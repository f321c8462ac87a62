// SignalFilterBankLog: fixed-point natural log of uint32 channels (shifted left by
// input_correction_bits first) times output_scale, saturated to int16.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/filter_bank_log.h"

namespace tflm_host {
namespace {

struct FilterBankLogData : OpData {
  int input_correction_bits = 0;
  int32_t output_scale = 0;
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckRank(*input, 1, "input"));
  TFH_RETURN_IF_ERROR(CheckRank(*output, 1, "output"));
  TFH_RETURN_IF_ERROR(CheckType(*input, DType::kUInt32, "input"));
  TFH_RETURN_IF_ERROR(CheckType(*output, DType::kInt16, "output"));
  TFH_ENSURE(output->dim(0) >= input->dim(0), "output is shorter than the input");
  int64_t bits, scale;
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "input_correction_bits", 0, 31, &bits));
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "output_scale", INT32_MIN, INT32_MAX, &scale));
  auto* data = context.make_data<FilterBankLogData>();
  data->input_correction_bits = static_cast<int>(bits);
  data->output_scale = static_cast<int32_t>(scale);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<FilterBankLogData>();
  const Tensor* input = context.input(0);
  reference::signal::FilterBankLog(input->as<uint32_t>(), input->dim(0), data->output_scale,
                                   data->input_correction_bits, context.output(0)->as<int16_t>());
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalFilterBankLog", "reference", {DType::kUInt32}, Prepare, Eval});

}  // namespace tflm_host
