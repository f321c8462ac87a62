// SVDF: the op data, Prepare and reference Eval, shared with the optimized kernel
// (svdf_optimized.cc).
#pragma once

#include "core/op_context.h"
#include "core/status.h"
#include "kernels/common/prepare_util.h"
#include "reference/svdf.h"

namespace tflm_host {

enum : int { kSvdfInput = 0, kSvdfWeightsFeature = 1, kSvdfWeightsTime = 2, kSvdfBias = 3,
             kSvdfState = 4 };

struct SvdfData : OpData {
  reference::SvdfShape shape{};
  reference::SvdfQuantParams quant{};
  Activation activation = Activation::kNone;
  int filter_sums = -1;  // scratch: batch * filters accumulators
  int unit_sums = -1;    // scratch: batch * units int32 (integer path)
};

// Validates the node (TFLM's svdf.cc checks), fills `data` (created by the caller) and requests
// the scratch accumulators.
Status PrepareSvdf(OpContext& context, SvdfData* data);
Status PrepareSvdfReference(OpContext& context);
Status EvalSvdfReference(OpContext& context);

}  // namespace tflm_host
