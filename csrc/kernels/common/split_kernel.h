// The node data and Eval that SPLIT, SPLIT_V and UNPACK share: each cuts `outer` rows of the
// input into consecutive pieces of row_bytes[i] bytes, one per output (UNPACK's outputs drop
// the cut axis).
#pragma once

#include <cstdint>
#include <vector>

#include "core/op_context.h"
#include "core/status.h"
#include "reference/split.h"

namespace tflm_host {

struct SplitData : OpData {
  int64_t outer = 0;
  std::vector<int64_t> row_bytes;  // one per output
  std::vector<uint8_t*> outputs;   // sized in Prepare, filled in Eval (buffers move)
};

// kInputIndex: the node input holding the data (SPLIT's input 0 is the axis).
template <int kInputIndex>
Status EvalSplit(OpContext& context) {
  auto* data = context.data<SplitData>();
  for (int i = 0; i < context.num_outputs(); ++i) data->outputs[i] = context.output(i)->data;
  reference::Split(context.input(kInputIndex)->data, data->outer, context.num_outputs(),
                   data->row_bytes.data(), data->outputs.data());
  return Status::Ok();
}

}  // namespace tflm_host
