// SignalFramer: frames each row (the last dimension) of an int16 stream: every frame_step
// samples, the last frame_size samples become one output frame (output shape: the input's
// with the last dimension split into [n_frames, frame_size]). Output 1 (bool) says whether
// every frame was ready; frames that were not are left untouched. Pending samples are state.
#include <cstring>

#include "core/registry.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/framer.h"

namespace tflm_host {
namespace {

struct FramerData : OpData {
  int frame_size = 0, frame_step = 0, n_frames = 0, capacity = 0;
  int64_t rows = 0;
  bool prefill = false;
  int counts = -1;   // persistent: int32 pending count per row
  int pending = -1;  // persistent: capacity samples per row
};

Status Prepare(OpContext& context) {
  const Tensor *input, *output;
  TFH_RETURN_IF_ERROR(GetValidatedStreamOperands(context, &input, &output));
  TFH_ENSURE(input->rank() >= 1 && output->rank() == input->rank() + 1,
             "output must have one dimension more than the input");
  int64_t size, step, prefill;
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "frame_size", 1, 1 << 24, &size));
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "frame_step", 1, 1 << 24, &step));
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "prefill", INT64_MIN, INT64_MAX, &prefill));
  const int innermost = input->dim(input->rank() - 1);
  TFH_ENSURE(innermost >= step && innermost % step == 0,
             "the last input dimension (%d) must be a positive multiple of frame_step %lld",
             innermost, static_cast<long long>(step));
  // TFLM primes the buffer with frame_size - frame_step zeros.
  TFH_ENSURE(prefill == 0 || size >= step, "prefill needs frame_size >= frame_step");
  auto* data = context.make_data<FramerData>();
  data->frame_size = static_cast<int>(size);
  data->frame_step = static_cast<int>(step);
  data->prefill = prefill != 0;
  data->n_frames = innermost / data->frame_step;
  data->rows = input->num_elements() / innermost;
  TFH_ENSURE(output->num_elements() >= data->rows * data->n_frames * size,
             "output cannot hold %lld frames of %lld samples",
             static_cast<long long>(data->rows * data->n_frames), static_cast<long long>(size));
  // Frame size rounded up to whole steps, as TFLM sizes its circular buffers.
  data->capacity = static_cast<int>((size + step - 1) / step * step);
  data->counts = context.request_persistent(data->rows * sizeof(int32_t));
  data->pending = context.request_persistent(data->rows * data->capacity * sizeof(int16_t));
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<FramerData>();
  const int16_t* in = context.input(0)->as<int16_t>();
  int16_t* out = context.output(0)->as<int16_t>();
  auto* counts = static_cast<int32_t*>(context.persistent(data->counts));
  auto* pending = static_cast<int16_t*>(context.persistent(data->pending));
  bool all_ready = true;
  for (int64_t r = 0; r < data->rows; ++r) {
    for (int f = 0; f < data->n_frames; ++f) {
      const int64_t frame = r * data->n_frames + f;
      all_ready &= reference::signal::FramerStep(
          in + frame * data->frame_step, data->frame_size, data->frame_step,
          pending + r * data->capacity, counts + r, out + frame * data->frame_size);
    }
  }
  *context.output(1)->as<bool>() = all_ready;
  return Status::Ok();
}

void Reset(OpContext& context) {
  const auto* data = context.data<FramerData>();
  std::memset(context.persistent(data->pending), 0, context.persistent_size(data->pending));
  auto* counts = static_cast<int32_t*>(context.persistent(data->counts));
  for (int64_t r = 0; r < data->rows; ++r)
    counts[r] = data->prefill ? data->frame_size - data->frame_step : 0;
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalFramer", "reference", {DType::kInt16}, Prepare, Eval, Reset});

}  // namespace tflm_host
