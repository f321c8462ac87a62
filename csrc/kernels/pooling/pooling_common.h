// AVERAGE_POOL_2D and MAX_POOL_2D: the op data, Prepare and reference Evals, shared with the
// optimized kernels (pooling_optimized.cc).
#pragma once

#include <cstdint>

#include "core/op_context.h"
#include "core/status.h"
#include "reference/pooling.h"

namespace tflm_host {

struct PoolData : OpData {
  reference::PoolGeometry geometry{};
  int32_t act_min = 0, act_max = 0;      // int8/int16
  float act_min_f = 0.0f, act_max_f = 0.0f;
};

// TFLM's PoolingPrepare: validates the node and fills `data`, created by the caller.
Status PreparePool(OpContext& context, PoolData* data);
Status PreparePoolReference(OpContext& context);
Status EvalAveragePoolReference(OpContext& context);
Status EvalMaxPoolReference(OpContext& context);

}  // namespace tflm_host
