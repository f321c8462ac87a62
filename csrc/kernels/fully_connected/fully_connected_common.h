// FULLY_CONNECTED's op data, Prepare and reference Eval, shared with the optimized kernel
// (which extends the op data).
#pragma once

#include "core/op_context.h"
#include "core/status.h"
#include "kernels/common/prepare_util.h"
#include "reference/fully_connected.h"

namespace tflm_host {

struct FullyConnectedData : OpData {
  int batches = 0, accum_depth = 0, output_depth = 0;
  ChannelQuantization quant;   // integer types: per output channel
  reference::FullyConnectedQuantParams params{};
  float act_min = 0.0f, act_max = 0.0f;
};

// Validates the node and fills `data`, created by the caller.
Status PrepareFullyConnected(OpContext& context, FullyConnectedData* data);
Status EvalFullyConnectedReference(OpContext& context);

}  // namespace tflm_host
