// SOFTMAX: the op data, Prepare and reference Eval, shared with the optimized kernel
// (softmax_optimized.cc).
#pragma once

#include <cstdint>
#include <vector>

#include "core/op_context.h"
#include "core/status.h"
#include "reference/softmax.h"

namespace tflm_host {

struct SoftmaxData : OpData {
  float beta = 0.0f;
  int64_t rows = 0;
  int depth = 0;
  reference::SoftmaxQuantParams quant{};          // int8 input
  reference::SoftmaxInt16Params quant16{};        // int16 input
  std::vector<int16_t> exp_lut, one_over_one_plus_x_lut;
};

// Validates the node (TFLM's softmax_common.cc checks) and creates its SoftmaxData.
Status PrepareSoftmax(OpContext& context);
Status EvalSoftmaxReference(OpContext& context);

}  // namespace tflm_host
