#include "kernels/common/cmsis_nn_glue.h"

#include "core/thread_pool.h"

#ifdef TFLM_HOST_OWN_CMSIS_NN
#include "arm_nn_host_packed.h"
#endif

namespace tflm_host {

#ifdef TFLM_HOST_OWN_CMSIS_NN
namespace {
// The packed-filter announcement is a thread-local of the library: workers make it exist
// when they start, so a worker's first chunk during an invoke allocates nothing.
void TouchCmsisThreadLocals() { arm_nn_host_use_packed_filter(nullptr); }
const bool kTouchedOnWorkers = (AddWorkerThreadInit(&TouchCmsisThreadLocals), true);
}  // namespace
#endif

void PackedFilter::Pack(const Tensor& filter, const Tensor* bias, int rows, int cols,
                        int32_t input_offset, int row_stride, int col_stride) {
  storage_.clear();
  packed_ = nullptr;
  // Only constant tensors: the packed copy must stay valid for every invoke.
  if (!filter.is_constant || (bias != nullptr && !bias->is_constant)) return;
  PackFrom(filter.as<int8_t>(), bias != nullptr ? bias->as<int32_t>() : nullptr, rows, cols,
           input_offset, row_stride < 0 ? cols : row_stride, col_stride);
}

void PackedFilter::PackRows(const Tensor& filter, const Tensor* bias, int first_row, int rows,
                            int cols, int32_t input_offset) {
  storage_.clear();
  packed_ = nullptr;
  if (!filter.is_constant || (bias != nullptr && !bias->is_constant)) return;
  PackFrom(filter.as<int8_t>() + static_cast<int64_t>(first_row) * cols,
           bias != nullptr ? bias->as<int32_t>() + first_row : nullptr, rows, cols, input_offset,
           cols, 1);
}

void PackedFilter::PackFrom(const int8_t* filter, const int32_t* bias, int rows, int cols,
                            int32_t input_offset, int row_stride, int col_stride) {
#ifdef TFLM_HOST_OWN_CMSIS_NN
  const int32_t size = arm_nn_host_packed_filter_size(rows, cols);
  if (size <= 0) return;
  storage_.resize(static_cast<size_t>(size));
  packed_ = arm_nn_host_pack_filter_strided(storage_.data(), size, filter, rows, cols,
                                            row_stride, col_stride, bias, input_offset);
  if (packed_ == nullptr) storage_.clear();
#else
  (void)filter, (void)bias, (void)rows, (void)cols, (void)input_offset, (void)row_stride,
      (void)col_stride;
#endif
}

void PackedFilter::Announce() const {
#ifdef TFLM_HOST_OWN_CMSIS_NN
  arm_nn_host_use_packed_filter(packed_);
#endif
}

}  // namespace tflm_host
