// SignalIrfft: the inverse real FFT of each frame of interleaved complex bins (the last
// dimension holds at least fft_length / 2 + 1 of them), fft_length real samples per output
// frame; int16, int32 or float32 by the "T" option. Fixed point comes out scaled by
// 1 / fft_length like the forward transform; float is divided by fft_length after the fact.
#include <type_traits>

#include "core/registry.h"
#include "kernels/signal/fft_util.h"

namespace tflm_host {
namespace {

using reference::signal::Complex;

struct IrfftData : OpData {
  FftPlan plan;
  int input_length = 0;   // complex values per input frame
  int output_length = 0;  // samples per output frame
  int work_scratch = -1;  // the half-length complex sequence
};

Status Prepare(OpContext& context) {
  auto* data = context.make_data<IrfftData>();
  TFH_RETURN_IF_ERROR(PrepareFft(context, /*inverse=*/true, &data->plan));
  const Tensor* input = context.input(0);
  const Tensor* output = context.output(0);
  const int fft_length = data->plan.fft_length;
  data->input_length = input->dim(input->rank() - 1) / 2;
  data->output_length = output->dim(output->rank() - 1);
  TFH_ENSURE(data->input_length >= fft_length / 2 + 1,
             "input frames of %d values hold fewer than the %d complex bins fft_length %d "
             "reads", 2 * data->input_length, fft_length / 2 + 1, fft_length);
  TFH_ENSURE(data->output_length >= fft_length,
             "output frames of %d samples cannot hold fft_length %d", data->output_length,
             fft_length);
  data->work_scratch = context.request_scratch(fft_length / 2 * 2 * data->plan.sample_bytes());
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<IrfftData>();
  data->plan.Visit([&](const auto& fft) {
    using T = typename std::decay_t<decltype(fft)>::value_type;
    const Tensor* input = context.input(0);
    const auto* in = reinterpret_cast<const Complex<T>*>(input->data);
    T* out = context.output(0)->as<T>();
    auto* work = static_cast<Complex<T>*>(context.scratch(data->work_scratch));
    const int fft_length = data->plan.fft_length;
    const int64_t frames = FlatSize(input->dims, 0, input->rank() - 1);
    for (int64_t f = 0; f < frames; ++f) {
      T* frame = out + f * data->output_length;
      fft.Inverse(in + f * data->input_length, work, frame);
      if constexpr (std::is_floating_point_v<T>) {
        for (int i = 0; i < fft_length; ++i) frame[i] /= fft_length;
      }
    }
  });
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalIrfft", "reference", {DType::kInt16, DType::kInt32, DType::kFloat32},
                     Prepare, Eval});

}  // namespace tflm_host
