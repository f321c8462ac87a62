// Prepare helpers for the broadcasting two-input ops added with the math/compare/logic set
// (SQUARED_DIFFERENCE, FLOOR_DIV, FLOOR_MOD, comparisons, LOGICAL_AND/OR): type checks and
// TFLM's rank limit for broadcasting, on top of elementwise_util's shape checks and plans.
#pragma once

#include <initializer_list>

#include "core/node.h"
#include "core/op_context.h"
#include "core/status.h"
#include "reference/broadcast.h"

namespace tflm_host {

// TFLM's *4DSlow broadcast functions extend shapes to 4 dimensions; a higher-rank pair that
// needs broadcasting is undefined there. Same-shape inputs of any rank run elementwise.
constexpr int kMaxBroadcastRank4D = 4;

// Checks inputs of one type from `supported` (the output's type is the caller's to check),
// at most `max_broadcast_rank` dims when they broadcast, and plans the loops.
Status PrepareBinaryMath(const OpContext& context, const char* op,
                         std::initializer_list<DType> supported, int max_broadcast_rank,
                         const Tensor** input1, const Tensor** input2,
                         reference::BroadcastPlan* plan);

// Op data of the ops that need nothing but the loop plan.
struct BroadcastPlanData : OpData {
  reference::BroadcastPlan plan;
};

// Prepare of a binary op whose inputs and output share one type from `supported`: creates
// BroadcastPlanData.
Status PrepareSameTypeBinary(OpContext& context, const char* op,
                             std::initializer_list<DType> supported, int max_broadcast_rank);

}  // namespace tflm_host
