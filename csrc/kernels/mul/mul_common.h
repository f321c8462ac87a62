// MUL: the op data, Prepare and reference Eval, shared with the optimized kernel
// (mul_optimized.cc).
#pragma once

#include <cstdint>

#include "core/op_context.h"
#include "core/status.h"
#include "reference/mul.h"

namespace tflm_host {

struct MulData : OpData {
  reference::BroadcastPlan plan;
  reference::MulQuantParams quant{};       // int8, int16
  float act_min = 0.0f, act_max = 0.0f;     // float
  int32_t int_act_min = 0, int_act_max = 0;  // int32
};

// Validates the node and creates its MulData.
Status PrepareMul(OpContext& context);
Status EvalMulReference(OpContext& context);

}  // namespace tflm_host
