// MUL: its Ops for the shared binary kernel (kernels/common/binary_arith_kernel.h),
// used by the reference kernel (mul.cc) and the optimized one (mul_optimized.cc).
#pragma once

#include "kernels/common/binary_arith_kernel.h"
#include "reference/mul.h"

namespace tflm_host {

struct MulOps {
  static constexpr const char* kName = "MUL";
  using QuantParams = reference::MulQuantParams;

  static Status PrepareInt32(const Tensor&, const Tensor&, const Tensor&, Activation activation,
                             int32_t* act_min, int32_t* act_max) {
    Int32ActivationRange(activation, act_min, act_max);
    return Status::Ok();
  }

  static Status PrepareQuantized(const Tensor& input1, const Tensor& input2, const Tensor& output,
                                 Activation activation, QuantParams* p) {
    TFH_RETURN_IF_ERROR(CheckQuantized(input1, "input 1"));
    TFH_RETURN_IF_ERROR(CheckQuantized(input2, "input 2"));
    TFH_RETURN_IF_ERROR(CheckQuantized(output, "output"));
    if (output.type == DType::kInt16)
      TFH_ENSURE(input1.zero_point() == 0 && input2.zero_point() == 0 && output.zero_point() == 0,
                 "int16 MUL needs zero points of 0, got %d, %d and %d", input1.zero_point(),
                 input2.zero_point(), output.zero_point());
    const double real = static_cast<double>(input1.scale()) *
                        static_cast<double>(input2.scale()) / static_cast<double>(output.scale());
    QuantizeMultiplier(real, &p->output_multiplier, &p->output_shift);
    // A larger left shift would overflow before the multiply (undefined in TFLM).
    TFH_ENSURE(p->output_shift <= 30, "MUL rescale factor %g is too large", real);
    p->input1_offset = -input1.zero_point();
    p->input2_offset = -input2.zero_point();
    p->output_offset = output.zero_point();
    QuantizedActivationRange(activation, output, &p->act_min, &p->act_max);
    return Status::Ok();
  }

  template <typename T>
  static void Plain(const reference::BroadcastPlan& plan, T act_min, T act_max, const T* in1,
                    const T* in2, T* out) {
    reference::MulPlain(plan, act_min, act_max, in1, in2, out);
  }
  template <typename T>
  static void Quantized(const reference::BroadcastPlan& plan, const QuantParams& quant,
                        const T* in1, const T* in2, T* out) {
    reference::MulQuantized(plan, quant, in1, in2, out);
  }
};

using MulData = BinaryArithData<MulOps>;

inline Status PrepareMul(OpContext& context) { return PrepareBinaryArith<MulOps>(context); }
inline Status EvalMulReference(OpContext& context) { return EvalBinaryArith<MulOps>(context); }

}  // namespace tflm_host
