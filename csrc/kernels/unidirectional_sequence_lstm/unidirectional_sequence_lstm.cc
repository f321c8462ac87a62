// UNIDIRECTIONAL_SEQUENCE_LSTM: the standard LSTM TFLM supports (no peephole, projection,
// layer norm or CIFG), float32, int8 x int8 -> int16 cell, and int16 x int8 (16x8). Prepare
// validates the 24 inputs as TFLM's LstmTensors and ValidateTensorSize do, derives the gate
// requantization from fixed Q3.12 / Q0.15 gate formats (the `intermediates` are unused, as in
// TFLM) and requests TFLM's four state-sized scratch buffers.
#include <cmath>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/unidirectional_sequence_lstm/lstm_common.h"

namespace tflm_host {
namespace {

// Input indices (TFLM's lstm_shared.h).
constexpr int kNumInputs = 24;
// The variants TFLM rejects: peephole (9-11), projection (16-17), layer norm (20-23).
constexpr int kUnsupportedInputs[] = {9, 10, 11, 16, 17, 20, 21, 22, 23};

// The formats TFLM fixes for the gates: fully connected outputs in Q3.12, activations in Q0.15.
// (Older TFLM sources wrote 2^-15 as the float 0.00003051757f, a little below it; the oracle's
// requantization matches the exact power.)
constexpr float kGateInputScale = 1.0f / 4096;
constexpr float kGateOutputScale = 1.0f / 32768;

Status CheckShape(const Tensor& t, std::initializer_list<int32_t> dims, const char* what) {
  TFH_ENSURE(t.dims == std::vector<int32_t>(dims), "%s has the wrong shape", what);
  return Status::Ok();
}

Status CheckTensors(const OpContext& context, reference::LstmParams* p) {
  TFH_RETURN_IF_ERROR(CheckArity(context, kNumInputs, kNumInputs, 1));
  const Tensor *input, *hidden, *cell;
  TFH_RETURN_IF_ERROR(RequireInput(context, kInput, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, kHiddenState, &hidden));
  TFH_RETURN_IF_ERROR(RequireInput(context, kCellState, &cell));
  const Tensor* output = context.output(0);
  TFH_ENSURE(hidden->is_variable && cell->is_variable,
             "the output state and cell state must be variable tensors");
  TFH_RETURN_IF_ERROR(CheckType(*hidden, input->type, "output state"));
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  for (int i : kUnsupportedInputs)
    TFH_ENSURE(context.input(i) == nullptr,
               "input %d is given: peephole, projection and layer-norm LSTMs are not supported "
               "(nor by TFLM)", i);
  const Tensor* first_weights;
  const Tensor* first_bias;
  TFH_RETURN_IF_ERROR(RequireInput(context, kInputWeights, &first_weights));
  TFH_RETURN_IF_ERROR(RequireInput(context, kGateBias, &first_bias));
  for (int g = 0; g < 4; ++g) {
    const Tensor *w, *r, *b;
    TFH_RETURN_IF_ERROR(RequireInput(context, kInputWeights + g, &w));
    TFH_RETURN_IF_ERROR(RequireInput(context, kRecurrentWeights + g, &r));
    TFH_RETURN_IF_ERROR(RequireInput(context, kGateBias + g, &b));
    TFH_RETURN_IF_ERROR(CheckType(*w, first_weights->type, "weights"));
    TFH_RETURN_IF_ERROR(CheckType(*r, first_weights->type, "recurrent weights"));
    TFH_RETURN_IF_ERROR(CheckType(*b, first_bias->type, "gate bias"));
  }

  TFH_ENSURE(input->rank() == 3, "input must be 3-D, got rank %d", input->rank());
  TFH_ENSURE(hidden->rank() == 2, "output state must be 2-D [batch, units], got rank %d",
             hidden->rank());
  p->time_major = context.options().get_int("time_major", 0) != 0;
  p->batch = input->dim(p->time_major ? 1 : 0);
  p->time_steps = input->dim(p->time_major ? 0 : 1);
  p->input_dim = input->dim(2);
  p->state_dim = hidden->dim(1);
  TFH_ENSURE(p->batch > 0 && p->time_steps > 0 && p->input_dim > 0 && p->state_dim > 0,
             "empty LSTM (batch %d, time steps %d, input %d, units %d)", p->batch,
             p->time_steps, p->input_dim, p->state_dim);
  for (int g = 0; g < 4; ++g) {
    TFH_RETURN_IF_ERROR(
        CheckShape(*context.input(kInputWeights + g), {p->state_dim, p->input_dim}, "weights"));
    TFH_RETURN_IF_ERROR(CheckShape(*context.input(kRecurrentWeights + g),
                                   {p->state_dim, p->state_dim}, "recurrent weights"));
    TFH_RETURN_IF_ERROR(CheckShape(*context.input(kGateBias + g), {p->state_dim}, "gate bias"));
  }
  const int64_t state_size = static_cast<int64_t>(p->batch) * p->state_dim;
  TFH_ENSURE(hidden->num_elements() == state_size && cell->num_elements() == state_size,
             "the states must hold batch x units = %lld elements",
             static_cast<long long>(state_size));
  TFH_ENSURE(output->rank() == 3 && output->dim(0) == input->dim(0) &&
                 output->dim(1) == input->dim(1) && output->dim(2) == p->state_dim,
             "output must be [%d, %d, %d]", input->dim(0), input->dim(1), p->state_dim);

  // The cell gate's activation. TFLM asserts it is tanh or sigmoid (the schema has no
  // sigmoid), and its release builds, the oracle among them, leave the gate linear otherwise.
  p->cell_gate_tanh = FusedActivation(context) == Activation::kTanh;
  return Status::Ok();
}

// Which weight, bias and cell types go with the activation type (TFLM's Eval dispatch).
Status CheckTypes(const OpContext& context) {
  const DType act = context.input(kInput)->type;
  const DType weights = context.input(kInputWeights)->type;
  const DType bias = context.input(kGateBias)->type;
  const DType cell = context.input(kCellState)->type;
  if (act == DType::kFloat32) {
    TFH_ENSURE(weights == DType::kFloat32,
               "float input with %s weights is a hybrid LSTM, which is not supported",
               DTypeName(weights));
    TFH_RETURN_IF_ERROR(CheckType(*context.input(kGateBias), DType::kFloat32, "gate bias"));
    return CheckType(*context.input(kCellState), DType::kFloat32, "cell state");
  }
  TFH_ENSURE(act == DType::kInt8 || act == DType::kInt16, "unsupported input type %s",
             DTypeName(act));
  TFH_ENSURE(weights == DType::kInt8, "weights must be int8, got %s", DTypeName(weights));
  const DType want_bias = act == DType::kInt8 ? DType::kInt32 : DType::kInt64;
  TFH_ENSURE(bias == want_bias, "%s input needs %s gate biases, got %s", DTypeName(act),
             DTypeName(want_bias), DTypeName(bias));
  TFH_ENSURE(cell == DType::kInt16, "the quantized LSTM needs an int16 cell state, got %s",
             DTypeName(cell));
  return Status::Ok();
}

// TFLM's CheckedLog2, whose failure it ignores here.
int RoundedLog2(float x) {
  int log2 = 0;
  CheckedLog2(x, &log2);
  return log2;
}

Status PrepareFc(const Tensor& input, const Tensor& weights, reference::LstmFcParams* fc) {
  TFH_RETURN_IF_ERROR(CheckQuantized(weights, "weights"));
  TFH_ENSURE(weights.scales.size() == 1, "per-channel LSTM weights are not supported");
  const double real = static_cast<double>(input.scale()) *
                      static_cast<double>(weights.scale()) /
                      static_cast<double>(kGateInputScale);
  QuantizeMultiplier(real, &fc->multiplier, &fc->shift);
  fc->input_offset = -input.zero_point();
  fc->weights_offset = -weights.zero_point();
  return Status::Ok();
}

reference::LstmMulParams MulParams(float scale1, float scale2, float output_scale, DType type,
                                   int32_t zero_point) {
  reference::LstmMulParams m;
  const double product = static_cast<double>(scale1) * static_cast<double>(scale2);
  QuantizeMultiplier(product / static_cast<double>(output_scale), &m.multiplier, &m.shift);
  m.output_offset = zero_point;
  m.act_min = type == DType::kInt8 ? -128 : -32768;
  m.act_max = type == DType::kInt8 ? 127 : 32767;
  return m;
}

Status PrepareQuantized(const OpContext& context, reference::LstmParams* p) {
  const Tensor* input = context.input(kInput);
  const Tensor* hidden = context.input(kHiddenState);
  const Tensor* cell = context.input(kCellState);
  TFH_RETURN_IF_ERROR(CheckQuantized(*input, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(*hidden, "output state"));
  TFH_RETURN_IF_ERROR(CheckQuantized(*cell, "cell state"));
  for (int g = 0; g < 4; ++g) {
    TFH_RETURN_IF_ERROR(PrepareFc(*input, *context.input(kInputWeights + g), &p->input_fc[g]));
    TFH_RETURN_IF_ERROR(
        PrepareFc(*hidden, *context.input(kRecurrentWeights + g), &p->recurrent_fc[g]));
  }
  const float cell_scale = cell->scale();
  p->forget_times_cell =
      MulParams(kGateOutputScale, cell_scale, cell_scale, DType::kInt16, 0);
  p->input_times_cell_gate =
      MulParams(kGateOutputScale, kGateOutputScale, cell_scale, DType::kInt16, 0);
  p->output_times_tanh_cell = MulParams(kGateOutputScale, kGateOutputScale, hidden->scale(),
                                        hidden->type, hidden->zero_point());

  // tanh(cell) reads the cell in Q(15 + power): rescale it to the table's Q3.12.
  const int power = RoundedLog2(cell_scale);
  const int left_shift = 15 + power - 3;
  TFH_ENSURE(left_shift <= 14, "cell state scale %g is too large", cell_scale);
  p->tanh_cell_multiplier = left_shift < 0 ? 3 : 0;
  p->tanh_cell_shift = left_shift < 0 ? -left_shift : left_shift;
  p->quantized_cell_clip = static_cast<int16_t>(std::min(
      std::max(static_cast<double>(p->cell_clip) / static_cast<double>(cell_scale), -32768.0),
      32767.0));
  return Status::Ok();
}

}  // namespace

Status PrepareLstm(OpContext& context, LstmData* data) {
  reference::LstmParams& p = data->params;
  TFH_RETURN_IF_ERROR(CheckTensors(context, &p));
  TFH_RETURN_IF_ERROR(CheckTypes(context));
  p.cell_clip = static_cast<float>(context.options().get_float("cell_clip", 0.0));
  const bool is_float = context.input(kInput)->type == DType::kFloat32;
  if (!is_float) TFH_RETURN_IF_ERROR(PrepareQuantized(context, &p));
  return Status::Ok();
}

void RequestLstmBuffers(OpContext& context, LstmData* data, int count) {
  const bool is_float = context.input(kInput)->type == DType::kFloat32;
  const size_t cell_bytes = is_float ? sizeof(float) : sizeof(int16_t);
  const auto& p = data->params;
  for (int i = 0; i < count; ++i)
    data->buffers[i] =
        context.request_scratch(static_cast<size_t>(p.batch) * p.state_dim * cell_bytes);
}

namespace {

Status Prepare(OpContext& context) {
  auto* data = context.make_data<LstmData>();
  TFH_RETURN_IF_ERROR(PrepareLstm(context, data));
  RequestLstmBuffers(context, data, 4);
  return Status::Ok();
}

template <typename ActType, typename WeightType, typename CellType, typename BiasType>
void Run(const OpContext& context, const LstmData& data) {
  reference::LstmWeights<WeightType, BiasType> w;
  for (int g = 0; g < 4; ++g) {
    w.input[g] = context.input(kInputWeights + g)->as<WeightType>();
    w.recurrent[g] = context.input(kRecurrentWeights + g)->as<WeightType>();
    w.bias[g] = context.input(kGateBias + g)->as<BiasType>();
  }
  CellType* buffers[4];
  for (int i = 0; i < 4; ++i) buffers[i] = static_cast<CellType*>(context.scratch(data.buffers[i]));
  reference::Lstm(data.params, w, context.input(kInput)->as<ActType>(),
                  context.mutable_input(kHiddenState)->as<ActType>(),
                  context.mutable_input(kCellState)->as<CellType>(),
                  context.output(0)->as<ActType>(), buffers);
}

}  // namespace

Status EvalLstmReference(OpContext& context) {
  const auto& data = *context.data<LstmData>();
  switch (context.input(kInput)->type) {
    case DType::kFloat32: Run<float, float, float, float>(context, data); break;
    case DType::kInt8: Run<int8_t, int8_t, int16_t, int32_t>(context, data); break;
    default: Run<int16_t, int8_t, int16_t, int64_t>(context, data); break;
  }
  return Status::Ok();
}

TFH_REGISTER_KERNEL({"UNIDIRECTIONAL_SEQUENCE_LSTM", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16}, Prepare, EvalLstmReference});

}  // namespace tflm_host
