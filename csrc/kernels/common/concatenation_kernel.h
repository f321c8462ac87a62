// The node data and Eval that CONCATENATION and PACK share: both join `outer` rows of each
// input (row_bytes[i] bytes apiece) into the output, PACK along an axis it adds.
#pragma once

#include <cstdint>
#include <vector>

#include "core/op_context.h"
#include "core/status.h"
#include "reference/concatenation.h"

namespace tflm_host {

struct ConcatenationData : OpData {
  int64_t outer = 0;
  std::vector<int64_t> row_bytes;      // one per input
  std::vector<const uint8_t*> inputs;  // sized in Prepare, filled in Eval (buffers move)
};

inline Status EvalConcatenation(OpContext& context) {
  auto* data = context.data<ConcatenationData>();
  for (int i = 0; i < context.num_inputs(); ++i) data->inputs[i] = context.input(i)->data;
  reference::Concatenation(context.num_inputs(), data->inputs.data(), data->row_bytes.data(),
                           data->outer, context.output(0)->data);
  return Status::Ok();
}

}  // namespace tflm_host
