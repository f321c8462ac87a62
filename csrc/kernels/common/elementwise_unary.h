// Prepare/Eval helpers for one-input elementwise ops: the operand checks TFLM makes (one
// input, one output of the same type and shape), the op's supported types with a clear
// message for the rest, and the whole Eval of the float-only ops.
#pragma once

#include <initializer_list>

#include "core/op_context.h"
#include "core/registry.h"
#include "core/status.h"
#include "reference/elementwise_unary.h"

namespace tflm_host {

// Error unless `type` is one of `supported`, naming the op and what it runs on.
Status CheckSupportedType(const char* op, DType type, std::initializer_list<DType> supported);

// The input and output of a one-input op whose output matches the input's type and shape.
Status GetUnaryOperands(const OpContext& context, const char* op,
                        std::initializer_list<DType> supported, const Tensor** input,
                        Tensor** output);

// Prepare of an op that runs on float32 only.
Status PrepareFloatUnary(OpContext& context, const char* op);

// Eval of a float32-only op: out[i] = Fn(in[i]).
template <float (*Fn)(float)>
Status EvalFloatUnary(OpContext& context) {
  const Tensor* input = context.input(0);
  reference::MapElements(input->as<float>(), context.output(0)->as<float>(),
                         input->num_elements(), Fn);
  return Status::Ok();
}

// Registers a float32-only op: TFH_REGISTER_FLOAT_UNARY("EXP", reference::Exp).
#define TFH_REGISTER_FLOAT_UNARY(op_name, fn)                                            \
  TFH_REGISTER_KERNEL({op_name, "reference", {::tflm_host::DType::kFloat32},           \
                       [](::tflm_host::OpContext& context) {                           \
                         return ::tflm_host::PrepareFloatUnary(context, op_name);      \
                       },                                                              \
                       ::tflm_host::EvalFloatUnary<fn>})

// Both tensors of a quantized elementwise op quantized; int16 needs zero points of 0.
Status CheckQuantizedUnary(const Tensor& input, const Tensor& output);

}  // namespace tflm_host
