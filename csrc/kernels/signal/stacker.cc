// SignalStacker: each invoke pushes one frame (the first num_channels values of the 1-D
// int16 input); once left_context + 1 + right_context frames are pending they are written
// out stacked and stacker_step frames are dropped. Output 1 (bool) says whether an output
// was written. The pending frames are state; the first frame is padded to the left.
#include <cstring>

#include "core/registry.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/stacker.h"

namespace tflm_host {
namespace {

using reference::signal::StackerState;

struct StackerData : OpData {
  int num_channels = 0, left = 0, stacked_frames = 0, step = 0;
  int state = -1;    // persistent: StackerState
  int pending = -1;  // persistent: stacked_frames * num_channels samples
};

Status Prepare(OpContext& context) {
  const Tensor *input, *output;
  TFH_RETURN_IF_ERROR(GetValidatedStreamOperands(context, &input, &output));
  TFH_RETURN_IF_ERROR(CheckRank(*input, 1, "input"));
  TFH_RETURN_IF_ERROR(CheckRank(*output, 1, "output"));
  int64_t channels, left, right, step;
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "num_channels", 1, 1 << 20, &channels));
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "stacker_left_context", 0, 1 << 10, &left));
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "stacker_right_context", 0, 1 << 10, &right));
  const int64_t stacked = left + right + 1;
  // Dropping more frames than are pending would corrupt TFLM's circular buffer.
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "stacker_step", 1, stacked, &step));
  TFH_ENSURE(input->dim(0) >= channels, "input holds fewer than num_channels = %lld values",
             static_cast<long long>(channels));
  TFH_ENSURE(output->dim(0) >= stacked * channels, "output cannot hold %lld stacked values",
             static_cast<long long>(stacked * channels));
  auto* data = context.make_data<StackerData>();
  data->num_channels = static_cast<int>(channels);
  data->left = static_cast<int>(left);
  data->stacked_frames = static_cast<int>(stacked);
  data->step = static_cast<int>(step);
  data->state = context.request_persistent(sizeof(StackerState));
  data->pending = context.request_persistent(stacked * channels * sizeof(int16_t));
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<StackerData>();
  *context.output(1)->as<bool>() = reference::signal::StackerPush(
      context.input(0)->as<int16_t>(), data->num_channels, data->left, data->stacked_frames,
      data->step, static_cast<StackerState*>(context.persistent(data->state)),
      static_cast<int16_t*>(context.persistent(data->pending)),
      context.output(0)->as<int16_t>());
  return Status::Ok();
}

void Reset(OpContext& context) {
  const auto* data = context.data<StackerData>();
  for (int buffer : {data->state, data->pending})
    std::memset(context.persistent(buffer), 0, context.persistent_size(buffer));
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalStacker", "reference", {DType::kInt16}, Prepare, Eval, Reset});

}  // namespace tflm_host
