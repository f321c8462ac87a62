// ADD: the op data, Prepare and reference Eval, shared with the optimized kernel
// (add_optimized.cc).
#pragma once

#include "core/op_context.h"
#include "core/status.h"
#include "reference/add.h"

namespace tflm_host {

struct AddData : OpData {
  reference::BroadcastPlan plan;
  reference::AddSubQuantParams quant{};  // int8, int16
  float act_min = 0.0f, act_max = 0.0f;   // float
};

// Validates the node and creates its AddData.
Status PrepareAdd(OpContext& context);
Status EvalAddReference(OpContext& context);

}  // namespace tflm_host
