// SignalWindow: multiplies each frame (the last dimension's blocks of the window's length)
// by an int16 window and shifts right by the `shift` option, saturating to int16.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/signal/signal_util.h"
#include "reference/signal/window.h"

namespace tflm_host {
namespace {

struct WindowData : OpData {
  int shift = 0;
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *input, *weights;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &weights));
  const Tensor* output = context.output(0);
  TFH_ENSURE(input->rank() >= 1, "input must have at least one dimension");
  TFH_RETURN_IF_ERROR(CheckRank(*weights, 1, "weights"));
  TFH_ENSURE(input->rank() == output->rank(), "input and output ranks differ");
  TFH_RETURN_IF_ERROR(CheckType(*input, DType::kInt16, "input"));
  TFH_RETURN_IF_ERROR(CheckType(*weights, DType::kInt16, "weights"));
  TFH_RETURN_IF_ERROR(CheckType(*output, DType::kInt16, "output"));
  // TFLM walks the input in window-sized steps and writes as much to the output.
  const int64_t window = weights->dim(0);
  TFH_ENSURE(window > 0 && input->num_elements() % window == 0,
             "input of %lld elements is not a whole number of %lld-sample windows",
             static_cast<long long>(input->num_elements()), static_cast<long long>(window));
  TFH_ENSURE(output->num_elements() == input->num_elements(),
             "output must have as many elements as the input");
  int64_t shift;
  TFH_RETURN_IF_ERROR(ReadIntOption(context, "shift", 0, 31, &shift));
  context.make_data<WindowData>()->shift = static_cast<int>(shift);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const int shift = context.data<WindowData>()->shift;
  const Tensor* input = context.input(0);
  const Tensor* weights = context.input(1);
  const int window = weights->dim(0);
  const int16_t* in = input->as<int16_t>();
  int16_t* out = context.output(0)->as<int16_t>();
  for (int64_t i = 0; i < input->num_elements(); i += window)
    reference::signal::ApplyWindow(in + i, weights->as<int16_t>(), window, shift, out + i);
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SignalWindow", "reference", {DType::kInt16}, Prepare, Eval});

}  // namespace tflm_host
