// SignalRfft: the real FFT of each frame (the last dimension), zero-padded to fft_length;
// int16, int32 or float32 by the "T" option. Output frames hold fft_length / 2 + 1
// interleaved complex bins (and may be longer).
#include <cstring>

#include "core/registry.h"
#include "kernels/signal/fft_util.h"

namespace tflm_host {
namespace {

using reference::signal::Complex;

struct RfftData : OpData {
  FftPlan plan;
  int input_length = 0;   // samples per input frame
  int output_length = 0;  // complex values per output frame
  int frame_scratch = -1; // the zero-padded frame
  int work_scratch = -1;  // the half-length complex transform
};

Status Prepare(OpContext& context) {
  auto* data = context.make_data<RfftData>();
  TFH_RETURN_IF_ERROR(PrepareFft(context, /*inverse=*/false, &data->plan));
  const Tensor* input = context.input(0);
  const Tensor* output = context.output(0);
  const int fft_length = data->plan.fft_length;
  data->input_length = input->dim(input->rank() - 1);
  data->output_length = output->dim(output->rank() - 1) / 2;
  TFH_ENSURE(data->input_length > 0 && data->input_length <= fft_length,
             "frames of %d samples do not fit fft_length %d", data->input_length, fft_length);
  TFH_ENSURE(data->output_length >= fft_length / 2 + 1,
             "output frames of %d values cannot hold the %d complex bins",
             2 * data->output_length, fft_length / 2 + 1);
  const size_t sample_bytes = data->plan.sample_bytes();
  data->frame_scratch = context.request_scratch(fft_length * sample_bytes);
  data->work_scratch = context.request_scratch(fft_length / 2 * 2 * sample_bytes);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<RfftData>();
  data->plan.Visit([&](const auto& fft) {
    using T = typename std::decay_t<decltype(fft)>::value_type;
    const Tensor* input = context.input(0);
    const T* in = input->as<T>();
    auto* out = reinterpret_cast<Complex<T>*>(context.output(0)->data);
    T* frame = static_cast<T*>(context.scratch(data->frame_scratch));
    auto* work = static_cast<Complex<T>*>(context.scratch(data->work_scratch));
    const int fft_length = data->plan.fft_length;
    const int length = data->input_length;
    for (int64_t i = 0, o = 0; i < input->num_elements(); i += length, o += data->output_length) {
      std::memcpy(frame, in + i, sizeof(T) * length);
      std::memset(frame + length, 0, sizeof(T) * (fft_length - length));
      fft.Apply(frame, work, out + o);
    }
  });
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalRfft", "reference", {DType::kInt16, DType::kInt32, DType::kFloat32},
                     Prepare, Eval});

}  // namespace tflm_host
