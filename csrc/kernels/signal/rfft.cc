// SignalRfft: the real FFT of each frame (the last dimension), zero-padded to fft_length;
// int16, int32 or float32 as the "T" option says (TensorType code; TFLM reads a missing T as
// FLOAT32). Output frames hold fft_length / 2 + 1 interleaved complex bins.
#include <cstring>
#include <memory>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/kiss_fft.h"

namespace tflm_host {
namespace {

using reference::signal::Complex;
using reference::signal::RealFft;

struct RfftData : OpData {
  DType type = DType::kFloat32;
  int fft_length = 0;
  int input_length = 0;   // samples per input frame
  int output_length = 0;  // complex values per output frame
  int work_scratch = -1;  // the zero-padded frame
  int fft_scratch = -1;   // the half-length complex transform
  // One of these, by type: twiddles computed once here (TFLM keeps them in its arena).
  std::unique_ptr<RealFft<int16_t>> fft16;
  std::unique_ptr<RealFft<int32_t>> fft32;
  std::unique_ptr<RealFft<float>> fft_float;
};

size_t ElementSize(DType type) { return type == DType::kInt16 ? 2 : 4; }

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  auto* data = context.make_data<RfftData>();
  data->type = static_cast<DType>(context.options().get_int("T", 0));
  TFH_ENSURE(data->type == DType::kInt16 || data->type == DType::kInt32 ||
                 data->type == DType::kFloat32,
             "option T is %s; SignalRfft runs on int16, int32 and float32",
             DTypeName(data->type));
  TFH_RETURN_IF_ERROR(CheckType(*input, data->type, "input"));
  TFH_RETURN_IF_ERROR(CheckType(*output, data->type, "output"));
  TFH_ENSURE(input->rank() >= 1 && input->rank() == output->rank(),
             "input and output must have the same rank, at least 1");
  int64_t fft_length;
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "fft_length", 4, 1 << 20, &fft_length));
  TFH_ENSURE(reference::signal::RfftLengthSupported(static_cast<int>(fft_length)),
             "fft_length %lld is not supported: it must be even with half of it a product of "
             "2, 3 and 5 (TFLM's KISS FFT build)", static_cast<long long>(fft_length));
  data->fft_length = static_cast<int>(fft_length);
  data->input_length = input->dim(input->rank() - 1);
  data->output_length = output->dim(output->rank() - 1) / 2;
  TFH_ENSURE(data->input_length > 0 && data->input_length <= data->fft_length,
             "frames of %d samples do not fit fft_length %d", data->input_length,
             data->fft_length);
  TFH_ENSURE(data->output_length >= data->fft_length / 2 + 1,
             "output frames of %d values cannot hold the %d complex bins", 2 * data->output_length,
             data->fft_length / 2 + 1);
  TFH_ENSURE(FlatSize(input->dims, 0, input->rank() - 1) ==
                 FlatSize(output->dims, 0, output->rank() - 1),
             "input and output hold different numbers of frames");
  switch (data->type) {
    case DType::kInt16: data->fft16 = std::make_unique<RealFft<int16_t>>(data->fft_length); break;
    case DType::kInt32: data->fft32 = std::make_unique<RealFft<int32_t>>(data->fft_length); break;
    default: data->fft_float = std::make_unique<RealFft<float>>(data->fft_length); break;
  }
  data->work_scratch = context.request_scratch(data->fft_length * ElementSize(data->type));
  data->fft_scratch = context.request_scratch((data->fft_length / 2) * 2 * ElementSize(data->type));
  return Status::Ok();
}

template <typename T>
void RunFrames(const RfftData& data, const RealFft<T>& fft, OpContext& context) {
  const Tensor* input = context.input(0);
  const T* in = input->as<T>();
  auto* out = reinterpret_cast<Complex<T>*>(context.output(0)->data);
  T* frame = static_cast<T*>(context.scratch(data.work_scratch));
  auto* work = static_cast<Complex<T>*>(context.scratch(data.fft_scratch));
  const int64_t size = input->num_elements();
  for (int64_t i = 0, o = 0; i < size; i += data.input_length, o += data.output_length) {
    std::memcpy(frame, in + i, sizeof(T) * data.input_length);
    std::memset(frame + data.input_length, 0, sizeof(T) * (data.fft_length - data.input_length));
    fft.Apply(frame, work, out + o);
  }
}

Status Eval(OpContext& context) {
  const auto* data = context.data<RfftData>();
  switch (data->type) {
    case DType::kInt16: RunFrames(*data, *data->fft16, context); break;
    case DType::kInt32: RunFrames(*data, *data->fft32, context); break;
    default: RunFrames(*data, *data->fft_float, context); break;
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalRfft", "reference", {DType::kInt16, DType::kInt32, DType::kFloat32},
                     Prepare, Eval});

}  // namespace tflm_host
