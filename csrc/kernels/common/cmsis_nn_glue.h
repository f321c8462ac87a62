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
// handed to the call as a cmsis_nn_context (buf null when none), as TFLM's glue does. A call
// split across threads requests one copy per thread; thread t uses copy t.
class CmsisScratch {
 public:
  void Request(OpContext& context, int32_t bytes, int copies = 1) {
    bytes_ = bytes;
    stride_ = (static_cast<size_t>(bytes) + 63) & ~static_cast<size_t>(63);  // no shared lines
    if (bytes > 0) index_ = context.request_scratch(copies > 1 ? stride_ * copies : stride_);
  }
  cmsis_nn_context Get(const OpContext& context, int copy = 0) const {
    if (index_ < 0) return cmsis_nn_context{nullptr, 0};
    return cmsis_nn_context{static_cast<int8_t*>(context.scratch(index_)) + stride_ * copy, bytes_};
  }

 private:
  int index_ = -1;
  int32_t bytes_ = 0;
  size_t stride_ = 0;
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
  PackedFilter() = default;
  // Moving keeps the storage (and so packed_) in place; a copy would point into the original.
  PackedFilter(PackedFilter&&) noexcept = default;
  PackedFilter& operator=(PackedFilter&&) noexcept = default;
  PackedFilter(const PackedFilter&) = delete;
  PackedFilter& operator=(const PackedFilter&) = delete;

  // filter: int8 with element (row n, col k) at [n * row_stride + k * col_stride], by
  // default [rows][cols]; bias: int32 [rows] or null. Packs only constant tensors (the packed
  // copy must stay valid for every invoke) and only when the ISA in use packs.
  void Pack(const Tensor& filter, const Tensor* bias, int rows, int cols, int32_t input_offset,
            int row_stride = -1, int col_stride = 1);
  // Rows [first_row, first_row + rows) of an [N][cols] filter (and its bias), for a call on
  // that block of output channels.
  void PackRows(const Tensor& filter, const Tensor* bias, int first_row, int rows, int cols,
                int32_t input_offset);
  // The next CMSIS-NN convolution / fully connected call on this thread may use it.
  void Announce() const;
  size_t bytes() const { return storage_.size(); }

 private:
  void PackFrom(const int8_t* filter, const int32_t* bias, int rows, int cols,
                int32_t input_offset, int row_stride, int col_stride);

  std::vector<uint8_t> storage_;
  const arm_nn_host_packed_filter* packed_ = nullptr;
};

}  // namespace tflm_host
