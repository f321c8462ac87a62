// The Prepare steps the reduce ops share (MEAN, SUM, REDUCE_MAX, REDUCE_MIN): two inputs and
// one output of the input's type, the int32 axis tensor resolved into a loop plan, and an
// output with as many elements as the reduction gives. TFLM reads the axes in Eval, so they
// may be a graph input: a constant axis tensor is resolved once here, any other on every
// invoke (in place, allocating nothing).
#pragma once

#include "core/op_context.h"
#include "core/status.h"
#include "reference/reduce.h"

namespace tflm_host {

// TFLM's MEAN and SUM index the input with a fixed array of this many dimensions.
constexpr int kMaxSumReduceRank = 5;

struct ReduceAxesPlan {
  reference::ReducePlan plan;
  bool axes_from_input = false;  // resolved by UpdateReducePlan on every invoke
};

// `max_rank` caps the input rank (the kernel's TFLM limit); `op` names the op in errors.
Status PrepareReducePlan(const OpContext& context, const char* op, int max_rank,
                         ReduceAxesPlan* plan);

// Eval: resolves non-constant axes into the plan (an invoke error when they are out of range
// or give another output size). Does nothing for constant axes.
Status UpdateReducePlan(const OpContext& context, ReduceAxesPlan* plan);

// SUM and MEAN: the plan, and for int8/int16 the requantization and a scratch of one int32
// sum per output.
struct SumData : OpData {
  ReduceAxesPlan axes;
  bool is_mean = false;
  reference::ReduceQuantParams unfolded{};  // input_scale / output_scale
  reference::ReduceQuantParams quant{};     // MEAN: 1/count folded in
  int sums_scratch = -1;
};

// Prepare of SUM (is_mean false) and MEAN on float, int8 and int16: MEAN folds 1/count into
// the int8/int16 multiplier, as TFLM's QuantizedMeanOrSum does.
Status PrepareSumOrMean(OpContext& context, const char* op, bool is_mean);

// Eval of the int8/int16 SUM and MEAN (their float paths differ); the plan must be current.
Status EvalSumQuantized(const OpContext& context);

}  // namespace tflm_host
