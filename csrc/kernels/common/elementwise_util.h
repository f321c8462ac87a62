// Prepare helpers shared by the broadcasting binary ops (ADD, SUB, MUL): operand and shape
// checks, the broadcast loop plan, int32 activation ranges and ADD/SUB requantization.
#pragma once

#include <cstdint>

#include "core/op_context.h"
#include "core/status.h"
#include "reference/add.h"
#include "reference/broadcast.h"

namespace tflm_host {

// Highest tensor rank of the binary ops: TFLM's RuntimeShape holds at most 6 dimensions
// (BroadcastAdd6DSlow and friends); beyond that its results are undefined.
constexpr int kMaxBinaryRank = 6;
static_assert(kMaxBinaryRank <= reference::kMaxBroadcastLoops, "plans need a loop per dim");

// The two inputs and the output of a binary op, checking arity and that all share one type.
Status GetBinaryOperands(const OpContext& context, const Tensor** input1, const Tensor** input2,
                         Tensor** output);

// Checks that the inputs broadcast to exactly the output's shape and plans the loops.
Status PrepareBroadcast(const Tensor& input1, const Tensor& input2, const Tensor& output,
                        reference::BroadcastPlan* plan);

// The int32 clamp range of a fused activation (TFLM's CalculateActivationRange<int32_t>).
void Int32ActivationRange(Activation activation, int32_t* act_min, int32_t* act_max);

// The int8/int16 ADD/SUB parameters: both inputs rescaled by input_scale / (2 * max input
// scale) after a left shift of 20 (int8) or 15 (int16), the sum by 2 * max / (2^shift * out).
Status PrepareAddSubQuantization(const Tensor& input1, const Tensor& input2, const Tensor& output,
                                 Activation activation, reference::AddSubQuantParams* params);

// True for int8/int16 operands whose plan is one flat loop over both inputs (no broadcast):
// where TFLM's cmsis_nn glue calls CMSIS-NN's elementwise functions instead of its reference.
inline bool IsQuantizedElementwise(const Tensor& output, const reference::BroadcastPlan& plan) {
  const bool quantized = output.type == DType::kInt8 || output.type == DType::kInt16;
  return quantized && (plan.loops == 0 || (plan.loops == 1 && plan.stride1[0] == 1 &&
                                           plan.stride2[0] == 1));
}

}  // namespace tflm_host
