// FULLY_CONNECTED "optimized": int8 through the CMSIS-NN API the way TFLM's
// kernels/cmsis_nn/fully_connected.cc calls it: arm_convolve_1x1_s8_fast for outputs of rank
// > 2 with a depth divisible by 4 (and here also for per-channel weights, which
// arm_fully_connected_s8 cannot take), arm_fully_connected_s8 otherwise. int8 with
// asymmetric weights (CMSIS-NN requires filter_offset 0) run the reference kernel.
//
// Large layers split across the runtime's threads, each making the same call on a
// sub-tensor: by batches when there are at least as many as threads, else by blocks of
// output channels (each block's filter rows packed on their own at Prepare), one call per
// batch since a block of a multi-batch output is not contiguous.
#include <algorithm>
#include <vector>

#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/common/cmsis_nn_glue.h"
#include "kernels/common/thread_split.h"
#include "kernels/fully_connected/fully_connected_common.h"

namespace tflm_host {
namespace {

// Channel blocks start on multiples of the widest SIMD panel (16 output channels), so
// no panel is split between threads.
constexpr int kChannelAlign = 16;

// A part of the layer one CMSIS-NN call computes: batches [first_batch, + batches) x
// output channels [first_channel, + channels); more than one batch only with every channel.
struct FcPart {
  int first_batch, batches, first_channel, channels;
};

struct FullyConnectedOptimizedData : FullyConnectedData {
  bool use_cmsis = false;
  bool as_conv_1x1 = false;
  CmsisScratch scratch;
  PackedFilter packed;               // the whole filter (unsplit or by batches)
  int threads = 1;                   // planned at Prepare
  bool by_channels = false;          // else by batches
  std::vector<PackedFilter> blocks;  // by channels: block t's filter rows, for thread t

  FcPart ChannelBlock(int block) const {
    const auto edge = [&](int b) {
      const int64_t even = static_cast<int64_t>(output_depth) * b / threads;
      return std::min<int>(output_depth, static_cast<int>(even + kChannelAlign - 1) /
                                             kChannelAlign * kChannelAlign);
    };
    const int first = block == 0 ? 0 : edge(block);
    const int end = block == threads - 1 ? output_depth : edge(block + 1);
    return {0, 1, first, end - first};
  }
};

int32_t ScratchBytes(const FullyConnectedOptimizedData& data, const FcPart& part) {
  const cmsis_nn_dims input_dims = {part.batches, 1, 1, data.accum_depth};
  const cmsis_nn_dims filter_dims = {data.accum_depth, 1, 1, part.channels};
  return data.as_conv_1x1 ? arm_convolve_1x1_s8_fast_get_buffer_size(&input_dims)
                          : arm_fully_connected_s8_get_buffer_size(&filter_dims);
}

// The CMSIS-NN call for one part (part.batches > 1 only with every channel).
arm_cmsis_nn_status RunPart(FullyConnectedOptimizedData& data, cmsis_nn_context* ctx,
                            const FcPart& part, const PackedFilter& packed, const int8_t* input,
                            const int8_t* filter, const int32_t* bias, int8_t* output) {
  const auto& p = data.params;
  const int depth = data.accum_depth;
  const cmsis_nn_dims input_dims = {part.batches, 1, 1, depth};
  const cmsis_nn_dims filter_dims = {depth, 1, 1, part.channels};
  const cmsis_nn_dims bias_dims = {1, 1, 1, part.channels};
  const cmsis_nn_dims output_dims = {part.batches, 1, 1, part.channels};
  input += static_cast<int64_t>(part.first_batch) * depth;
  filter += static_cast<int64_t>(part.first_channel) * depth;
  if (bias != nullptr) bias += part.first_channel;
  output += static_cast<int64_t>(part.first_batch) * data.output_depth + part.first_channel;
  packed.Announce();
  if (data.as_conv_1x1) {
    cmsis_nn_conv_params conv_params{};
    conv_params.input_offset = p.input_offset;
    conv_params.output_offset = p.output_offset;
    conv_params.stride = {1, 1};
    conv_params.padding = {0, 0};
    conv_params.dilation = {1, 1};
    conv_params.activation = {p.act_min, p.act_max};
    cmsis_nn_per_channel_quant_params quant{data.quant.multipliers.data() + part.first_channel,
                                            data.quant.shifts.data() + part.first_channel};
    return arm_convolve_1x1_s8_fast(ctx, &conv_params, &quant, &input_dims, input, &filter_dims,
                                    filter, &bias_dims, bias, &output_dims, output);
  }
  cmsis_nn_fc_params fc_params{};
  fc_params.input_offset = p.input_offset;
  fc_params.filter_offset = 0;
  fc_params.output_offset = p.output_offset;
  fc_params.activation = {p.act_min, p.act_max};
  cmsis_nn_per_tensor_quant_params quant{data.quant.multipliers[0], data.quant.shifts[0]};
  return arm_fully_connected_s8(ctx, &fc_params, &quant, &input_dims, input, &filter_dims,
                                filter, &bias_dims, bias, &output_dims, output);
}

Status Prepare(OpContext& context) {
  auto* data = context.make_data<FullyConnectedOptimizedData>();
  TFH_RETURN_IF_ERROR(PrepareFullyConnected(context, data));
  if (data->params.filter_offset != 0) return Status::Ok();
  data->use_cmsis = true;

  const auto& m = data->quant.multipliers;
  const auto& s = data->quant.shifts;
  const bool per_channel = std::any_of(m.begin(), m.end(), [&](int32_t v) { return v != m[0]; }) ||
                           std::any_of(s.begin(), s.end(), [&](int32_t v) { return v != s[0]; });
  const int output_rank = context.output(0)->rank();
  data->as_conv_1x1 = per_channel || (output_rank > 2 && data->accum_depth % 4 == 0);

  const Tensor& filter = *context.input(1);
  const Tensor* bias = context.input(2);
  const FcPart whole{0, data->batches, 0, data->output_depth};
  const int64_t macs = static_cast<int64_t>(data->batches) * data->accum_depth * data->output_depth;
  const int threads = CurrentNumThreads();
  data->by_channels = data->batches < threads;
  const int units = data->by_channels
                        ? (data->output_depth + kChannelAlign - 1) / kChannelAlign
                        : data->batches;
  data->threads = PlanThreads(macs, units);

  int32_t per_thread = ScratchBytes(*data, whole);
  if (data->threads > 1 && data->by_channels) {
    data->blocks.resize(static_cast<size_t>(data->threads));
    for (int t = 0; t < data->threads; ++t) {
      const FcPart block = data->ChannelBlock(t);
      per_thread = std::max(per_thread, ScratchBytes(*data, block));
      data->blocks[t].PackRows(filter, bias, block.first_channel, block.channels,
                               data->accum_depth, data->params.input_offset);
    }
  } else {
    data->packed.Pack(filter, bias, data->output_depth, data->accum_depth,
                      data->params.input_offset);
  }
  data->scratch.Request(context, per_thread, data->threads);
  return Status::Ok();
}

Status Eval(OpContext& context) {
  auto* data = context.data<FullyConnectedOptimizedData>();
  if (!data->use_cmsis) return EvalFullyConnectedReference(context);
  const int8_t* input = context.input(0)->as<int8_t>();
  const int8_t* filter = context.input(1)->as<int8_t>();
  const Tensor* bias = context.input(2);
  const int32_t* bias_data = bias != nullptr ? bias->as<int32_t>() : nullptr;
  int8_t* output = context.output(0)->as<int8_t>();

  SplitStatus status;
  if (!RunsAsPlanned(data->threads)) {
    // Unsplit (also the fallback if the pool is not the planned one; a layer planned by
    // channels then runs without packed panels, same results).
    cmsis_nn_context ctx = data->scratch.Get(context);
    status.Record(RunPart(*data, &ctx, {0, data->batches, 0, data->output_depth}, data->packed,
                          input, filter, bias_data, output));
  } else if (data->by_channels) {
    auto run = [&](int begin, int end, int thread) {
      cmsis_nn_context ctx = data->scratch.Get(context, thread);
      for (int block = begin; block < end; ++block) {
        FcPart part = data->ChannelBlock(block);
        if (part.channels == 0) continue;
        for (part.first_batch = 0; part.first_batch < data->batches; ++part.first_batch) {
          status.Record(RunPart(*data, &ctx, part, data->blocks[block], input, filter,
                                bias_data, output));
        }
      }
    };
    ParallelForEach(data->threads, run);
  } else {
    auto run = [&](int begin, int end, int thread) {
      cmsis_nn_context ctx = data->scratch.Get(context, thread);
      status.Record(RunPart(*data, &ctx, {begin, end - begin, 0, data->output_depth},
                            data->packed, input, filter, bias_data, output));
    };
    ParallelForEach(data->batches, run);
  }
  TFH_ENSURE(status.get() == ARM_CMSIS_NN_SUCCESS, "CMSIS-NN fully connected failed (%d)",
             static_cast<int>(status.get()));
  return Status::Ok();
}

}  // namespace

// int8 only: other types run the reference kernel (Registry::Find).
TFH_REGISTER_KERNEL({"FULLY_CONNECTED", "optimized", {DType::kInt8}, Prepare, Eval});

}  // namespace tflm_host
