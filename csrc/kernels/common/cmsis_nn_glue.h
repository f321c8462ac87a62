// What the CMSIS-NN glue kernels (*_optimized.cc) share: the scratch buffer sized by a
// *_get_buffer_size function, the per-channel quantization view, and filters packed once.
#pragma once

#include <cstdint>
#include <vector>

#include "arm_nn_types.h"
#include "core/op_context.h"
#include "core/tensor.h"
#include "kernels/common/prepare_util.h"

struct arm_nn_host_packed_filter;

namespace tflm_host {

// The kernel's scratch: requested in Prepare when the CMSIS-NN size function asks for bytes,
// handed to the call as a cmsis_nn_context (buf null when none), as TFLM's glue does.
class CmsisScratch {
 public:
  void Request(OpContext& context, int32_t bytes) {
    bytes_ = bytes;
    if (bytes > 0) index_ = context.request_scratch(static_cast<size_t>(bytes));
  }
  cmsis_nn_context Get(const OpContext& context) const {
    if (index_ < 0) return cmsis_nn_context{nullptr, 0};
    return cmsis_nn_context{context.scratch(index_), bytes_};
  }

 private:
  int index_ = -1;
  int32_t bytes_ = 0;
};

// CMSIS-NN takes non-const pointers to the per-channel arrays (it never writes them).
inline cmsis_nn_per_channel_quant_params PerChannelQuant(ChannelQuantization& quant) {
  return cmsis_nn_per_channel_quant_params{quant.multipliers.data(), quant.shifts.data()};
}

// Filters packed once, at Prepare, for the SIMD kernels of third_party/cmsis_nn (kernel sums
// folded into the bias). The CMSIS-NN calls stay exactly TFLM's; Announce() before a call
// lets it use the packed copy. Built against the real CMSIS-NN this does nothing.
class PackedFilter {
 public:
  // filter: int8 with element (row n, col k) at [n * row_stride + k * col_stride], by
  // default [rows][cols]; bias: int32 [rows] or null. Packs only constant tensors (the packed
  // copy must stay valid for every invoke) and only when the ISA in use packs.
  void Pack(const Tensor& filter, const Tensor* bias, int rows, int cols, int32_t input_offset,
            int row_stride = -1, int col_stride = 1);
  // The next CMSIS-NN convolution / fully connected call on this thread may use it.
  void Announce() const;
  size_t bytes() const { return storage_.size(); }

 private:
  std::vector<uint8_t> storage_;
  const arm_nn_host_packed_filter* packed_ = nullptr;
};

}  // namespace tflm_host
