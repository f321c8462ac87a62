// SignalOverlapAdd: overlap-adds frames [..., n_frames, frame_size] into a stream
// [..., n_frames * frame_step], int16 (saturating) or float32 by the "T" option. The
// running sum of each row is state, zeroed by reset().
#include <cstring>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/overlap_add.h"

namespace tflm_host {
namespace {

struct OverlapAddData : OpData {
  DType type = DType::kFloat32;
  int frame_size = 0, frame_step = 0, n_frames = 0;
  int64_t rows = 0;
  int buffers = -1;  // persistent: frame_size samples per row
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  auto* data = context.make_data<OverlapAddData>();
  data->type = static_cast<DType>(context.options().get_int("T", 0));  // missing: FLOAT32
  TFH_ENSURE(data->type == DType::kInt16 || data->type == DType::kFloat32,
             "option T is %s; SignalOverlapAdd runs on int16 and float32",
             DTypeName(data->type));
  TFH_RETURN_IF_ERROR(CheckType(*input, data->type, "input"));
  TFH_RETURN_IF_ERROR(CheckType(*output, data->type, "output"));
  TFH_ENSURE(input->rank() >= 2 && input->rank() == output->rank() + 1,
             "input needs rank >= 2 and one dimension more than the output");
  int64_t step;
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "frame_step", 1, 1 << 24, &step));
  data->frame_size = input->dim(input->rank() - 1);
  data->n_frames = input->dim(input->rank() - 2);
  TFH_ENSURE(step <= data->frame_size, "frame_step %lld exceeds the frame size %d",
             static_cast<long long>(step), data->frame_size);
  data->frame_step = static_cast<int>(step);
  const int64_t frame_values = static_cast<int64_t>(data->frame_size) * data->n_frames;
  data->rows = frame_values == 0 ? 0 : input->num_elements() / frame_values;
  TFH_ENSURE(output->num_elements() >= data->rows * data->n_frames * step,
             "output cannot hold %lld samples",
             static_cast<long long>(data->rows * data->n_frames * step));
  const size_t sample_bytes = data->type == DType::kInt16 ? 2 : 4;
  data->buffers = context.request_persistent(data->rows * data->frame_size * sample_bytes);
  return Status::Ok();
}

template <typename T>
void Run(const OverlapAddData& data, OpContext& context) {
  const T* in = context.input(0)->as<T>();
  T* out = context.output(0)->as<T>();
  T* buffers = static_cast<T*>(context.persistent(data.buffers));
  for (int64_t r = 0; r < data.rows; ++r)
    for (int f = 0; f < data.n_frames; ++f) {
      const int64_t frame = r * data.n_frames + f;
      reference::signal::OverlapAddFrame(in + frame * data.frame_size,
                                         buffers + r * data.frame_size, data.frame_size,
                                         out + frame * data.frame_step, data.frame_step);
    }
}

Status Eval(OpContext& context) {
  const auto* data = context.data<OverlapAddData>();
  if (data->type == DType::kInt16) {
    Run<int16_t>(*data, context);
  } else {
    Run<float>(*data, context);
  }
  return Status::Ok();
}

void Reset(OpContext& context) {
  const int buffers = context.data<OverlapAddData>()->buffers;
  std::memset(context.persistent(buffers), 0, context.persistent_size(buffers));
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalOverlapAdd", "reference", {DType::kInt16, DType::kFloat32}, Prepare,
                     Eval, Reset});

}  // namespace tflm_host
