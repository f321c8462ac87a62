// SignalDelay: delays each row (the last dimension) of an int16 tensor by delay_length
// samples, continuously across invokes. The owed samples are state in the arena's
// persistent area; reset() makes them zeros again.
#include <cstring>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/delay.h"

namespace tflm_host {
namespace {

struct DelayData : OpData {
  int frame_size = 0, delay_length = 0;
  int64_t rows = 0;
  int history = -1;  // persistent: rows * delay_length samples
  int work = -1;     // scratch: frame_size + delay_length samples
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(*input, DType::kInt16, "input"));
  TFH_RETURN_IF_ERROR(CheckType(*output, DType::kInt16, "output"));
  TFH_ENSURE(input->rank() >= 1 && input->dim(input->rank() - 1) > 0,
             "input needs a non-empty last dimension");
  TFH_ENSURE(output->num_elements() >= input->num_elements(), "output is smaller than the input");
  int64_t delay;
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "delay_length", 0, 1 << 24, &delay));
  auto* data = context.make_data<DelayData>();
  data->frame_size = input->dim(input->rank() - 1);
  data->delay_length = static_cast<int>(delay);
  data->rows = input->num_elements() / data->frame_size;
  data->history = context.request_persistent(data->rows * delay * sizeof(int16_t));
  data->work = context.request_scratch((data->frame_size + delay) * sizeof(int16_t));
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<DelayData>();
  const int16_t* in = context.input(0)->as<int16_t>();
  int16_t* out = context.output(0)->as<int16_t>();
  auto* history = static_cast<int16_t*>(context.persistent(data->history));
  auto* work = static_cast<int16_t*>(context.scratch(data->work));
  for (int64_t r = 0; r < data->rows; ++r)
    reference::signal::DelayFrame(in + r * data->frame_size, data->frame_size,
                                  data->delay_length, history + r * data->delay_length, work,
                                  out + r * data->frame_size);
  return Status::Ok();
}

void Reset(OpContext& context) {
  const int history = context.data<DelayData>()->history;
  std::memset(context.persistent(history), 0, context.persistent_size(history));
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalDelay", "reference", {DType::kInt16}, Prepare, Eval, Reset});

}  // namespace tflm_host
