// ADD "optimized": int8 and int16 inputs of one shape through arm_elementwise_add_s8/_s16, as
// TFLM's kernels/cmsis_nn/add.cc calls them; broadcasting, float and int32 run the reference
// kernel (TFLM's cmsis glue falls back the same way). The arithmetic is TFLM reference's.
#include "arm_nnfunctions.h"
#include "core/registry.h"
#include "kernels/common/elementwise_util.h"
#include "kernels/add/add_common.h"

namespace tflm_host {
namespace {

Status Eval(OpContext& context) {
  const auto* data = context.data<AddData>();
  if (!IsQuantizedElementwise(*context.output(0), data->plan)) return EvalAddReference(context);
  const Tensor* input1 = context.input(0);
  const Tensor* input2 = context.input(1);
  Tensor* output = context.output(0);
  const auto size = static_cast<int32_t>(output->num_elements());

  const auto& p = data->quant;
  if (output->type == DType::kInt8) {
    arm_elementwise_add_s8(input1->as<int8_t>(), input2->as<int8_t>(), p.input1_offset,
                           p.input1_multiplier, p.input1_shift, p.input2_offset,
                           p.input2_multiplier, p.input2_shift, p.left_shift,
                           output->as<int8_t>(), p.output_offset, p.output_multiplier,
                           p.output_shift, p.act_min, p.act_max, size);
  } else {
    arm_elementwise_add_s16(input1->as<int16_t>(), input2->as<int16_t>(), p.input1_offset,
                            p.input1_multiplier, p.input1_shift, p.input2_offset,
                            p.input2_multiplier, p.input2_shift, p.left_shift,
                            output->as<int16_t>(), p.output_offset, p.output_multiplier,
                            p.output_shift, p.act_min, p.act_max, size);
  }
  return Status::Ok();
}

}  // namespace

// int8 and int16 only: float and int32 run the reference kernel (Registry::Find).
TFH_REGISTER_KERNEL({"ADD", "optimized", {DType::kInt8, DType::kInt16}, PrepareAdd, Eval});

}  // namespace tflm_host
