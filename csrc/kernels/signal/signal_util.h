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

// SignalFramer's and SignalStacker's operands: one int16 input, an int16 output and a bool
// scalar output_valid saying whether this invoke produced output.
inline Status GetValidatedStreamOperands(const OpContext& context, const Tensor** input,
                                         const Tensor** output) {
  TFH_ENSURE(context.num_inputs() == 1 && context.num_outputs() == 2,
             "expected 1 input and 2 outputs, got %d and %d", context.num_inputs(),
             context.num_outputs());
  *input = context.input(0);
  TFH_ENSURE(*input != nullptr, "input 0 is required but missing");
  *output = context.output(0);
  const Tensor* valid = context.output(1);
  TFH_RETURN_IF_ERROR(CheckRank(*valid, 0, "output_valid"));
  TFH_ENSURE((*input)->type == DType::kInt16 && (*output)->type == DType::kInt16,
             "input and output must be INT16, got %s and %s", DTypeName((*input)->type),
             DTypeName((*output)->type));
  TFH_ENSURE(valid->type == DType::kBool, "output_valid must be BOOL, got %s",
             DTypeName(valid->type));
  return Status::Ok();
}

}  // namespace tflm_host
