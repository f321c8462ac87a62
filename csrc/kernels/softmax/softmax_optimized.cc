// SOFTMAX "optimized": int8 -> int8 through arm_softmax_s8, int8 -> int16 through
// arm_softmax_s8_s16 and int16 -> int16 through arm_softmax_s16 with the same lookup tables,
// as TFLM's kernels/cmsis_nn/softmax.cc calls them; float runs the reference kernel.
// Deviation from TFLM's cmsis glue, to keep the oracle's behaviour: int8 -> int8 rows of 512 or
// more values run the reference kernel, because there a row's sum of exponentials can exceed the
// output precision, where TFLM reference aborts (an error here) and CMSIS-NN would shift by
// more than 31 bits.
#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/softmax/softmax_common.h"

namespace tflm_host {
namespace {

constexpr int kMaxCmsisInt8RowSize = 511;  // 511 * 2^19 < 2^28: the shift stays <= 31

Status Eval(OpContext& context) {
  const auto* data = context.data<SoftmaxData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  const int32_t rows = static_cast<int32_t>(data->rows);
  if (input->type == DType::kInt16) {
    const cmsis_nn_softmax_lut_s16 luts{data->exp_lut.data(),
                                        data->one_over_one_plus_x_lut.data()};
    const auto& p = data->quant16;
    arm_softmax_s16(input->as<int16_t>(), rows, data->depth, p.input_multiplier, p.input_shift,
                    &luts, output->as<int16_t>());
    return Status::Ok();
  }
  if (output->type == DType::kInt8 && data->depth > kMaxCmsisInt8RowSize)
    return EvalSoftmaxReference(context);
  const auto& p = data->quant;
  if (output->type == DType::kInt16) {
    arm_softmax_s8_s16(input->as<int8_t>(), rows, data->depth, p.input_multiplier,
                       p.input_left_shift, p.diff_min, output->as<int16_t>());
  } else {
    arm_softmax_s8(input->as<int8_t>(), rows, data->depth, p.input_multiplier,
                   p.input_left_shift, p.diff_min, output->as<int8_t>());
  }
  return Status::Ok();
}

}  // namespace

// int8 and int16 inputs only: float runs the reference kernel (Registry::Find).
TFH_REGISTER_KERNEL({"SOFTMAX", "optimized", {DType::kInt8, DType::kInt16}, PrepareSoftmax,
                     Eval});

}  // namespace tflm_host
