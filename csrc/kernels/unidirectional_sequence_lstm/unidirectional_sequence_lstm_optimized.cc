// UNIDIRECTIONAL_SEQUENCE_LSTM "optimized": int8 and int16 (16x8) LSTMs through
// arm_lstm_unidirectional_s8/_s16, set up as TFLM's kernels/cmsis_nn/unidirectional_sequence_lstm.cc
// does (per gate, kernel sums times the input offset folded into effective biases with
// arm_vector_sum_s8/_s8_s64, two state-sized int16 scratch buffers).
// Deviation from TFLM's cmsis glue, to keep the oracle's results: TFLM passes a scratch buffer
// as the cell state, so every invoke starts from zero state, while its reference kernel (the
// oracle) keeps the state in the variable tensors across invokes. Here the variable tensors
// are passed (cell_state, and hidden_state of newer CMSIS-NN), so the state carries over.
// The reference kernel runs float LSTMs, asymmetric weights (CMSIS-NN folds only the input
// offset), non-constant weights or biases (TFLM's cmsis kernel requires constants), a cell
// gate without tanh (TFLM's cmsis glue would use sigmoid), a cell clip that quantizes to 0,
// and everything when built against the real CMSIS-NN (whose v6.0.0 API has no hidden state).
#include <vector>

#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/unidirectional_sequence_lstm/lstm_common.h"

namespace tflm_host {
namespace {

struct LstmOptimizedData : LstmData {
  bool use_cmsis = false;
  cmsis_nn_lstm_params cmsis{};
  // Per gate (reference order), the input then the recurrent half's effective bias.
  std::vector<int32_t> effective_bias32;  // int8 activations
  std::vector<int64_t> effective_bias64;  // int16 activations
  int temp_buffers[2] = {-1, -1};
};

bool CanUseCmsis(const OpContext& context, const reference::LstmParams& p) {
#ifndef TFLM_HOST_OWN_CMSIS_NN
  (void)context;
  (void)p;
  return false;
#else
  if (!p.cell_gate_tanh) return false;
  if (p.cell_clip > 0.0f && p.quantized_cell_clip <= 0) return false;
  for (int g = 0; g < 4; ++g) {
    if (p.input_fc[g].weights_offset != 0 || p.recurrent_fc[g].weights_offset != 0) return false;
    for (int index : {kInputWeights + g, kRecurrentWeights + g, kGateBias + g})
      if (!context.input(index)->is_constant) return false;
  }
  return true;
#endif
}

// The gate's CMSIS-NN parameters; weight and bias pointers are filled at Eval.
cmsis_nn_lstm_gate MakeGate(const reference::LstmParams& p, int g, arm_nn_activation_type act) {
  cmsis_nn_lstm_gate gate{};
  gate.input_multiplier = p.input_fc[g].multiplier;
  gate.input_shift = p.input_fc[g].shift;
  gate.hidden_multiplier = p.recurrent_fc[g].multiplier;
  gate.hidden_shift = p.recurrent_fc[g].shift;
  gate.activation_type = act;
  return gate;
}

void ComputeEffectiveBiases(const OpContext& context, LstmOptimizedData* data) {
  const auto& p = data->params;
  const int units = p.state_dim;
  const bool int8 = context.input(kInput)->type == DType::kInt8;
  if (int8) {
    data->effective_bias32.assign(static_cast<size_t>(8) * units, 0);
  } else {
    data->effective_bias64.assign(static_cast<size_t>(8) * units, 0);
  }
  for (int g = 0; g < 4; ++g) {
    const int8_t* w = context.input(kInputWeights + g)->as<int8_t>();
    const int8_t* r = context.input(kRecurrentWeights + g)->as<int8_t>();
    const size_t in_at = static_cast<size_t>(2 * g) * units, hidden_at = in_at + units;
    if (int8) {
      arm_vector_sum_s8(&data->effective_bias32[in_at], p.input_dim, units, w,
                        p.input_fc[g].input_offset, context.input(kGateBias + g)->as<int32_t>());
      arm_vector_sum_s8(&data->effective_bias32[hidden_at], units, units, r,
                        p.recurrent_fc[g].input_offset, nullptr);
    } else {
      arm_vector_sum_s8_s64(&data->effective_bias64[in_at], p.input_dim, units, w,
                            p.input_fc[g].input_offset,
                            context.input(kGateBias + g)->as<int64_t>());
      arm_vector_sum_s8_s64(&data->effective_bias64[hidden_at], units, units, r,
                            p.recurrent_fc[g].input_offset, nullptr);
    }
  }
}

Status Prepare(OpContext& context) {
  auto* data = context.make_data<LstmOptimizedData>();
  TFH_RETURN_IF_ERROR(PrepareLstm(context, data));
  const auto& p = data->params;
  data->use_cmsis = CanUseCmsis(context, p);
  if (!data->use_cmsis) {
    RequestLstmBuffers(context, data, 4);
    return Status::Ok();
  }
  ComputeEffectiveBiases(context, data);
  auto& c = data->cmsis;
  c.time_major = p.time_major ? 1 : 0;
  c.batch_size = p.batch;
  c.time_steps = p.time_steps;
  c.input_size = p.input_dim;
  c.hidden_size = p.state_dim;
  c.input_offset = p.input_fc[reference::kLstmForgetGate].input_offset;
  c.forget_to_cell_multiplier = p.forget_times_cell.multiplier;
  c.forget_to_cell_shift = p.forget_times_cell.shift;
  c.input_to_cell_multiplier = p.input_times_cell_gate.multiplier;
  c.input_to_cell_shift = p.input_times_cell_gate.shift;
  c.cell_clip = p.cell_clip > 0.0f ? p.quantized_cell_clip : 0;
  // tanh(cell)'s input rescale is 3 << (power + 12), or 3 >> -(power + 12) (multiplier 3).
  const int tanh_left_shift = p.tanh_cell_multiplier != 0 ? -p.tanh_cell_shift : p.tanh_cell_shift;
  c.cell_scale_power = tanh_left_shift - 12;
  c.output_multiplier = p.output_times_tanh_cell.multiplier;
  c.output_shift = p.output_times_tanh_cell.shift;
  c.output_offset = p.output_times_tanh_cell.output_offset;
  c.forget_gate = MakeGate(p, reference::kLstmForgetGate, ARM_SIGMOID);
  c.input_gate = MakeGate(p, reference::kLstmInputGate, ARM_SIGMOID);
  c.cell_gate = MakeGate(p, reference::kLstmCellGate, ARM_TANH);
  c.output_gate = MakeGate(p, reference::kLstmOutputGate, ARM_SIGMOID);
  const size_t temp_bytes = static_cast<size_t>(p.batch) * p.state_dim * sizeof(int16_t);
  for (int& index : data->temp_buffers) index = context.request_scratch(temp_bytes);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  auto* data = context.data<LstmOptimizedData>();
  if (!data->use_cmsis) return EvalLstmReference(context);
  const int units = data->params.state_dim;
  const bool int8 = context.input(kInput)->type == DType::kInt8;
  cmsis_nn_lstm_gate* gates[4] = {&data->cmsis.input_gate, &data->cmsis.forget_gate,
                                  &data->cmsis.cell_gate, &data->cmsis.output_gate};
  for (int g = 0; g < 4; ++g) {
    const size_t in_at = static_cast<size_t>(2 * g) * units, hidden_at = in_at + units;
    gates[g]->input_weights = context.input(kInputWeights + g)->data;
    gates[g]->hidden_weights = context.input(kRecurrentWeights + g)->data;
    gates[g]->bias = context.input(kGateBias + g)->data;
    gates[g]->input_effective_bias = int8 ? static_cast<const void*>(&data->effective_bias32[in_at])
                                          : &data->effective_bias64[in_at];
    gates[g]->hidden_effective_bias = int8
                                          ? static_cast<const void*>(&data->effective_bias32[hidden_at])
                                          : &data->effective_bias64[hidden_at];
  }
  cmsis_nn_lstm_context buffers{};
  buffers.temp1 = context.scratch(data->temp_buffers[0]);
  buffers.temp2 = context.scratch(data->temp_buffers[1]);
#ifdef TFLM_HOST_OWN_CMSIS_NN
  buffers.cell_state = context.mutable_input(kCellState)->data;
  buffers.hidden_state = context.mutable_input(kHiddenState)->data;
#endif
  const arm_cmsis_nn_status status =
      int8 ? arm_lstm_unidirectional_s8(context.input(kInput)->as<int8_t>(),
                                        context.output(0)->as<int8_t>(), &data->cmsis, &buffers)
           : arm_lstm_unidirectional_s16(context.input(kInput)->as<int16_t>(),
                                         context.output(0)->as<int16_t>(), &data->cmsis, &buffers);
  if (status == ARM_CMSIS_NN_SUCCESS) return Status::Ok();
  return Status::Error(StatusCode::kRuntime,
                       Format("arm_lstm_unidirectional failed (status %d)", status));
}

}  // namespace

// int8 and int16 inputs only: float runs the reference kernel (Registry::Find).
TFH_REGISTER_KERNEL({"UNIDIRECTIONAL_SEQUENCE_LSTM", "optimized", {DType::kInt8, DType::kInt16},
                     Prepare, Eval});

}  // namespace tflm_host
