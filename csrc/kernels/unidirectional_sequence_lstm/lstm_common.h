// UNIDIRECTIONAL_SEQUENCE_LSTM: the op data, Prepare and reference Eval, shared with the
// optimized kernel (unidirectional_sequence_lstm_optimized.cc).
#pragma once

#include "core/op_context.h"
#include "core/status.h"
#include "reference/lstm.h"

namespace tflm_host {

// Input indices (TFLM's lstm_shared.h).
constexpr int kInput = 0;
constexpr int kInputWeights = 1;      // + gate: input_to_{input,forget,cell,output}
constexpr int kRecurrentWeights = 5;  // + gate
constexpr int kGateBias = 12;         // + gate
constexpr int kHiddenState = 18;
constexpr int kCellState = 19;

struct LstmData : OpData {
  reference::LstmParams params;
  int buffers[4] = {0, 0, 0, 0};  // scratch indices, state-sized
};

// Validates the node (TFLM's LstmTensors and ValidateTensorSize) and fills `data`, created
// by the caller; requests no scratch.
Status PrepareLstm(OpContext& context, LstmData* data);
// Requests `count` state-sized scratch buffers into data->buffers (the reference needs 4).
void RequestLstmBuffers(OpContext& context, LstmData* data, int count);
Status EvalLstmReference(OpContext& context);

}  // namespace tflm_host
