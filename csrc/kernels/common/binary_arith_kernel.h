// The Prepare and Eval that ADD, SUB and MUL share: operands of one type, a supported fused
// activation and a broadcast plan, then per output type a clamp range (float, int32) or the
// requantization (int8, int16); Eval runs the op's reference arithmetic on the plan. An op
// supplies `Ops` with:
//   kName, QuantParams,
//   Status PrepareInt32(in1, in2, out, activation, &act_min, &act_max)   (its int32 rules),
//   Status PrepareQuantized(in1, in2, out, activation, &quant),
//   Plain<T>(plan, act_min, act_max, in1, in2, out), Quantized<T>(plan, quant, in1, in2, out).
#pragma once

#include <cstdint>

#include "core/op_context.h"
#include "core/status.h"
#include "kernels/common/elementwise_util.h"
#include "kernels/common/prepare_util.h"
#include "reference/add.h"
#include "reference/broadcast.h"

namespace tflm_host {

template <typename Ops>
struct BinaryArithData : OpData {
  reference::BroadcastPlan plan;
  typename Ops::QuantParams quant{};         // int8, int16
  float act_min = 0.0f, act_max = 0.0f;       // float
  int32_t int_act_min = 0, int_act_max = 0;  // int32
};

template <typename Ops>
Status PrepareBinaryArith(OpContext& context) {
  const Tensor *input1, *input2;
  Tensor* output;
  TFH_RETURN_IF_ERROR(GetBinaryOperands(context, &input1, &input2, &output));
  const Activation activation = FusedActivation(context);
  TFH_RETURN_IF_ERROR(CheckActivationSupported(activation));
  auto* data = context.make_data<BinaryArithData<Ops>>();
  TFH_RETURN_IF_ERROR(PrepareBroadcast(*input1, *input2, *output, &data->plan));
  switch (output->type) {
    case DType::kFloat32:
      FloatActivationRange(activation, &data->act_min, &data->act_max);
      return Status::Ok();
    case DType::kInt32:
      return Ops::PrepareInt32(*input1, *input2, *output, activation, &data->int_act_min,
                               &data->int_act_max);
    case DType::kInt8:
    case DType::kInt16:
      return Ops::PrepareQuantized(*input1, *input2, *output, activation, &data->quant);
    default:
      break;
  }
  return Status::Error(StatusCode::kInvalid,
                       Format("%s does not support %s", Ops::kName, DTypeName(output->type)));
}

template <typename Ops>
Status EvalBinaryArith(OpContext& context) {
  const auto* data = context.data<BinaryArithData<Ops>>();
  const Tensor* input1 = context.input(0);
  const Tensor* input2 = context.input(1);
  Tensor* output = context.output(0);
  switch (output->type) {
    case DType::kFloat32:
      Ops::Plain(data->plan, data->act_min, data->act_max, input1->as<float>(),
                 input2->as<float>(), output->as<float>());
      break;
    case DType::kInt32:
      Ops::Plain(data->plan, data->int_act_min, data->int_act_max, input1->as<int32_t>(),
                 input2->as<int32_t>(), output->as<int32_t>());
      break;
    case DType::kInt8:
      Ops::Quantized(data->plan, data->quant, input1->as<int8_t>(), input2->as<int8_t>(),
                     output->as<int8_t>());
      break;
    default:
      Ops::Quantized(data->plan, data->quant, input1->as<int16_t>(), input2->as<int16_t>(),
                     output->as<int16_t>());
  }
  return Status::Ok();
}

// ADD and SUB: all but kName and PrepareInt32 (their int32 rules differ).
template <bool kSubtract>
struct AddSubOps {
  using QuantParams = reference::AddSubQuantParams;

  static Status PrepareQuantized(const Tensor& input1, const Tensor& input2, const Tensor& output,
                                 Activation activation, QuantParams* quant) {
    return PrepareAddSubQuantization(input1, input2, output, activation, quant);
  }
  template <typename T>
  static void Plain(const reference::BroadcastPlan& plan, T act_min, T act_max, const T* in1,
                    const T* in2, T* out) {
    reference::AddSubPlain<kSubtract>(plan, act_min, act_max, in1, in2, out);
  }
  template <typename T>
  static void Quantized(const reference::BroadcastPlan& plan, const QuantParams& quant,
                        const T* in1, const T* in2, T* out) {
    reference::AddSubQuantized<kSubtract>(plan, quant, in1, in2, out);
  }
};

}  // namespace tflm_host
