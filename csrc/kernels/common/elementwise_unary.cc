#include "kernels/common/elementwise_unary.h"

#include <string>

#include "kernels/common/prepare_util.h"

namespace tflm_host {

Status CheckSupportedType(const char* op, DType type, std::initializer_list<DType> supported) {
  std::string names;
  for (DType t : supported) {
    if (t == type) return Status::Ok();
    names += (names.empty() ? "" : ", ") + std::string(DTypeName(t));
  }
  return Status::Error(StatusCode::kInvalid, Format("%s does not support %s inputs (supported: %s)",
                                                    op, DTypeName(type), names.c_str()));
}

Status GetUnaryOperands(const OpContext& context, const char* op,
                        std::initializer_list<DType> supported, const Tensor** input,
                        Tensor** output) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, input));
  *output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckSupportedType(op, (*input)->type, supported));
  TFH_RETURN_IF_ERROR(CheckType(**output, (*input)->type, "output"));
  TFH_ENSURE(SameShape(**input, **output), "output shape differs from the input shape");
  return Status::Ok();
}

Status PrepareFloatUnary(OpContext& context, const char* op) {
  const Tensor* input;
  Tensor* output;
  return GetUnaryOperands(context, op, {DType::kFloat32}, &input, &output);
}

Status CheckQuantizedUnary(const Tensor& input, const Tensor& output) {
  TFH_RETURN_IF_ERROR(CheckQuantized(input, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(output, "output"));
  if (input.type == DType::kInt16) {
    TFH_ENSURE(input.zero_point() == 0 && output.zero_point() == 0,
               "int16 zero points must be 0, got %d and %d", input.zero_point(),
               output.zero_point());
  }
  return Status::Ok();
}

}  // namespace tflm_host
