// Prepare helpers shared by the signal library's custom ops: their options come from the
// FlexBuffers map of custom_options (decoded in Python) and must all be present and in range.
#pragma once

#include <cstdint>

#include "core/op_context.h"
#include "core/status.h"
#include "core/tensor.h"

namespace tflm_host {

// The integer option `name`, required, within [min, max].
inline Status ReadIntOption(const OpContext& context, const char* name, int64_t min,
                            int64_t max, int64_t* value) {
  TFH_ENSURE(context.options().has(name), "custom option '%s' is missing", name);
  *value = context.options().get_int(name);
  TFH_ENSURE(*value >= min && *value <= max, "custom option '%s' is %lld, expected %lld..%lld",
             name, static_cast<long long>(*value), static_cast<long long>(min),
             static_cast<long long>(max));
  return Status::Ok();
}

inline Status CheckRank(const Tensor& tensor, int rank, const char* what) {
  TFH_ENSURE(tensor.rank() == rank, "%s must have rank %d, got %d", what, rank, tensor.rank());
  return Status::Ok();
}

}  // namespace tflm_host
