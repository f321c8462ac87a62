// CAST between int8, int16, int32, uint32, float32 and bool in any direction: the types
// TFLM's CAST kernel converts from and to.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "reference/cast.h"

namespace tflm_host {
namespace {

bool Castable(DType type) {
  switch (type) {
    case DType::kInt8: case DType::kInt16: case DType::kInt32: case DType::kUInt32:
    case DType::kFloat32: case DType::kBool:
      return true;
    default:
      return false;
  }
}

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 1, 1, 1));
  const Tensor* input;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  const Tensor* output = context.output(0);
  TFH_ENSURE(Castable(input->type) && Castable(output->type),
             "CAST from %s to %s is not supported", DTypeName(input->type),
             DTypeName(output->type));
  TFH_ENSURE(input->num_elements() == output->num_elements(),
             "input has %lld elements, output %lld",
             static_cast<long long>(input->num_elements()),
             static_cast<long long>(output->num_elements()));
  return Status::Ok();
}

// Calls fn(T{}) with the C++ type of a castable tensor type.
template <typename Fn>
void WithType(DType type, Fn&& fn) {
  switch (type) {
    case DType::kInt8: fn(int8_t{}); break;
    case DType::kInt16: fn(int16_t{}); break;
    case DType::kInt32: fn(int32_t{}); break;
    case DType::kUInt32: fn(uint32_t{}); break;
    case DType::kFloat32: fn(float{}); break;
    default: fn(bool{}); break;
  }
}

Status Eval(OpContext& context) {
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  WithType(input->type, [&](auto from) {
    using From = decltype(from);
    WithType(output->type, [&](auto to) {
      using To = decltype(to);
      reference::Cast(input->as<From>(), output->as<To>(), input->num_elements());
    });
  });
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"CAST", "reference",
                     {DType::kInt8, DType::kInt16, DType::kInt32, DType::kUInt32,
                      DType::kFloat32, DType::kBool},
                     Prepare, Eval});

}  // namespace tflm_host
