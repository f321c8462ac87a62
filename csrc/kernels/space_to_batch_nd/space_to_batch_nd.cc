// SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND on 3-D (NHC) and 4-D (NHWC) float32 and int8
// tensors, as TFLM. TFLM reads the block shape and paddings (crops) as int32 words when it
// runs, so they may be graph tensors: constant ones are checked in Prepare, others at each
// invoke. As in TFLM the walk follows the static output shape and never leaves either tensor.
// TFLM's SPACE_TO_BATCH_ND pads with its params.output_offset, which this TFLM version never
// sets (the padding is whatever the persistent arena held); here it is 0 for float32 and the
// output zero point for int8, as in TFLite and later TFLM.
#include <cstring>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"
#include "reference/space_to_batch_nd.h"

namespace tflm_host {
namespace {

struct SpaceBatchData : OpData {
  reference::SpaceBatchParams params{};
  bool resolved = false;  // block and offsets read (constant inputs)
  uint8_t pad_byte = 0;
};

reference::Shape4 AsNhwc(const Tensor& t) {
  if (t.rank() == 4) return {t.dim(0), t.dim(1), t.dim(2), t.dim(3)};
  return {t.dim(0), t.dim(1), 1, t.dim(2)};
}

// Reads the block shape and the top/left offsets; `block` and `pads` hold int32 words.
Status ResolveBlock(const Tensor& block, const Tensor& pads, int rank,
                    reference::SpaceBatchParams* p) {
  int32_t words[3] = {1, 0, 0};
  std::memcpy(words, block.data, (rank == 4 ? 2 : 1) * sizeof(int32_t));
  p->block_h = words[0];
  p->block_w = rank == 4 ? words[1] : 1;
  std::memcpy(words, pads.data, (rank == 4 ? 3 : 1) * sizeof(int32_t));
  p->pad_top = words[0];
  p->pad_left = rank == 4 ? words[2] : 0;
  TFH_ENSURE(p->block_h >= 1 && p->block_w >= 1, "block shape [%d, %d] must be positive",
             p->block_h, p->block_w);
  return Status::Ok();
}

Status PrepareSpaceBatch(OpContext& context, const char* offsets_name) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 3, 3, 1));
  const Tensor *input, *block, *pads;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &block));
  TFH_RETURN_IF_ERROR(RequireInput(context, 2, &pads));
  const Tensor* output = context.output(0);
  const int rank = input->rank();
  TFH_ENSURE(rank >= 3 && rank <= 4 && output->rank() == rank,
             "input and output must both be 3-D or 4-D, got ranks %d and %d", rank,
             output->rank());
  TFH_ENSURE(input->type == DType::kFloat32 || input->type == DType::kInt8,
             "type %s is not supported", DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  const int block_words = rank == 4 ? 2 : 1, pad_words = rank == 4 ? 3 : 1;
  TFH_ENSURE(block->bytes >= block_words * sizeof(int32_t),
             "block shape holds %zu bytes, %d int32 values are needed", block->bytes,
             block_words);
  TFH_ENSURE(pads->bytes >= pad_words * sizeof(int32_t),
             "%s hold %zu bytes, %d int32 values are needed", offsets_name, pads->bytes,
             pad_words);

  auto* data = context.make_data<SpaceBatchData>();
  reference::SpaceBatchParams& p = data->params;
  p.input = AsNhwc(*input);
  p.output = AsNhwc(*output);
  TFH_ENSURE(p.input.c == p.output.c, "output depth %d differs from input depth %d",
             p.output.c, p.input.c);
  TFH_ENSURE(p.input.n >= 1 && p.output.n >= 1, "empty batches are not supported");
  if (input->type == DType::kInt8) {
    const int32_t zero_point = output->zero_point();
    TFH_ENSURE(zero_point >= -128 && zero_point <= 127,
               "output zero point %d is outside the int8 range", zero_point);
    data->pad_byte = static_cast<uint8_t>(static_cast<int8_t>(zero_point));
  }
  if (block->is_constant && pads->is_constant) {
    TFH_RETURN_IF_ERROR(ResolveBlock(*block, *pads, rank, &p));
    data->resolved = true;
  }
  return Status::Ok();
}

Status PrepareSpaceToBatch(OpContext& context) { return PrepareSpaceBatch(context, "paddings"); }
Status PrepareBatchToSpace(OpContext& context) { return PrepareSpaceBatch(context, "crops"); }

template <bool kToBatch>
Status EvalSpaceBatch(OpContext& context) {
  auto* data = context.data<SpaceBatchData>();
  const Tensor* input = context.input(0);
  if (!data->resolved) {
    Status status = ResolveBlock(*context.input(1), *context.input(2), input->rank(),
                                 &data->params);
    if (!status.ok()) return Status::Error(StatusCode::kRuntime, status.message());
  }
  const int element_bytes = ElementBytes(input->type);
  if (kToBatch)
    reference::SpaceToBatchND(data->params, element_bytes, data->pad_byte, input->data,
                              context.output(0)->data);
  else
    reference::BatchToSpaceND(data->params, element_bytes, input->data, context.output(0)->data);
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"SPACE_TO_BATCH_ND", "reference", {DType::kFloat32, DType::kInt8},
                     PrepareSpaceToBatch, EvalSpaceBatch<true>});
TFH_REGISTER_KERNEL({"BATCH_TO_SPACE_ND", "reference", {DType::kFloat32, DType::kInt8},
                     PrepareBatchToSpace, EvalSpaceBatch<false>});

}  // namespace tflm_host
