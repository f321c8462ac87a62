// Splitting a CMSIS-NN convolution (CONV_2D, DEPTHWISE_CONV_2D) across threads without
// touching CMSIS-NN: a block of output rows of one batch is itself a convolution, of the
// input from the block's first window row down, with the top padding that is left - so each
// thread makes the ordinary single-threaded CMSIS-NN call on such sub-tensors. A 1x1,
// stride-1, unpadded layer maps pixels to pixels, so any run of pixels (across rows and
// batches) is one such call, which balances small maps (7x7) better than rows.
#pragma once

#include <algorithm>
#include <cstdint>

#include "core/op_context.h"
#include "core/thread_pool.h"
#include "kernels/common/cmsis_nn_glue.h"
#include "kernels/common/thread_split.h"
#include "kernels/conv/conv_cmsis.h"

namespace tflm_host {

// One call on a sub-tensor: dims, the top padding and where its data start (in elements).
struct ConvSubCall {
  cmsis_nn_dims input{}, output{};
  int32_t pad_h = 0;
  int64_t input_start = 0, output_start = 0;
};

class ConvRowSplit {
 public:
  ConvRowSplit() = default;
  ConvRowSplit(const CmsisConvDims& dims, const reference::ConvWindow& window)
      : input_(dims.input), output_(dims.output), stride_h_(window.stride_height),
        pad_h_(window.pad_height),
        pixels_(window.filter_height == 1 && window.filter_width == 1 &&
                window.stride_height == 1 && window.stride_width == 1 &&
                window.pad_height == 0 && window.pad_width == 0) {}

  // Units ParallelFor splits: output pixels (1x1) or output rows, over all batches.
  int units() const {
    return pixels_ ? output_.n * output_.h * output_.w : output_.n * output_.h;
  }

  // fn(const ConvSubCall&) for each call covering units [begin, end).
  template <typename Fn>
  void ForEach(int begin, int end, Fn&& fn) const {
    if (begin >= end) return;
    if (pixels_) {
      ConvSubCall call;
      call.input = {1, 1, end - begin, input_.c};
      call.output = {1, 1, end - begin, output_.c};
      call.input_start = static_cast<int64_t>(begin) * input_.c;
      call.output_start = static_cast<int64_t>(begin) * output_.c;
      fn(call);
      return;
    }
    for (int batch = begin / output_.h; batch * output_.h < end; ++batch) {
      const int first_row = std::max(begin - batch * output_.h, 0);
      const int end_row = std::min(end - batch * output_.h, output_.h);
      // Window top of the first row; rows above the input are the padding left.
      const int window_top = first_row * stride_h_ - pad_h_;
      const int first_input_row = std::max(window_top, 0);
      ConvSubCall call;
      call.pad_h = first_input_row - window_top;
      call.input = {1, input_.h - first_input_row, input_.w, input_.c};
      call.output = {1, end_row - first_row, output_.w, output_.c};
      call.input_start =
          (static_cast<int64_t>(batch) * input_.h + first_input_row) * input_.w * input_.c;
      call.output_start =
          (static_cast<int64_t>(batch) * output_.h + first_row) * output_.w * output_.c;
      fn(call);
    }
  }

 private:
  cmsis_nn_dims input_{}, output_{};
  int stride_h_ = 1, pad_h_ = 0;
  bool pixels_ = false;
};

// What a CMSIS-NN convolution glue kernel keeps for its calls: the dims, the scratch, the
// packed filter, and the split across threads planned at Prepare. Params is
// cmsis_nn_conv_params or cmsis_nn_dw_conv_params.
struct CmsisConvCalls {
  CmsisConvDims dims;  // the whole layer
  CmsisScratch scratch;
  PackedFilter packed;
  ConvRowSplit split;
  int threads = 1;

  // Prepare, once dims are filled: plans the threads for a layer of `work` (GEMM MACs, see
  // PlanThreads) and requests scratch for every call a thread may make - the whole layer
  // (run unsplit when the pool differs from the plan) and each sub-call of every chunk.
  // buffer_size(params, input_dims, output_dims) is the op's CMSIS-NN *_get_buffer_size.
  template <typename Params, typename BufferSize>
  void Plan(OpContext& context, const reference::ConvWindow& window, int64_t work,
            const Params& params, BufferSize&& buffer_size) {
    int32_t bytes = buffer_size(params, dims.input, dims.output);
    split = ConvRowSplit(dims, window);
    threads = PlanThreads(work, split.units());
    const int chunks = threads > 1 ? ParallelChunks(split.units(), threads) : 0;
    for (int chunk = 0; chunk < chunks; ++chunk) {  // any thread may be handed any chunk
      int begin, end;
      ChunkRange(split.units(), chunks, chunk, &begin, &end);
      split.ForEach(begin, end, [&](const ConvSubCall& call) {
        Params sub = params;
        sub.padding.h = call.pad_h;
        bytes = std::max(bytes, buffer_size(sub, call.input, call.output));
      });
    }
    scratch.Request(context, bytes, threads);
  }

  // Eval: call(ctx, params, input_dims, input, output_dims, output) - the op's CMSIS-NN
  // function with the rest of its arguments bound - on the whole layer, or on each thread's
  // blocks as planned. Returns the first failing status.
  template <typename Params, typename Call>
  arm_cmsis_nn_status Run(const OpContext& context, const Params& params, const int8_t* input,
                          int8_t* output, Call&& call) const {
    if (!RunsAsPlanned(threads)) {
      cmsis_nn_context ctx = scratch.Get(context);
      packed.Announce();
      return call(&ctx, &params, &dims.input, input, &dims.output, output);
    }
    SplitStatus status;
    auto run = [&](int begin, int end, int thread) {
      cmsis_nn_context ctx = scratch.Get(context, thread);
      split.ForEach(begin, end, [&](const ConvSubCall& sub_call) {
        Params sub = params;
        sub.padding.h = sub_call.pad_h;
        packed.Announce();  // per thread and call: the announcement is thread-local
        status.Record(call(&ctx, &sub, &sub_call.input, input + sub_call.input_start,
                           &sub_call.output, output + sub_call.output_start));
      });
    };
    ParallelForEach(split.units(), run);
    return status.get();
  }
};

}  // namespace tflm_host
