// FLOOR_DIV: float32 with broadcasting up to 4-D (TFLM's floor_div.cc). Like TFLM, a zero
// anywhere in the divisor fails the whole invoke before anything is computed.
#include "core/registry.h"
#include "kernels/common/binary_math.h"
#include "kernels/common/invoke_check.h"
#include "reference/floor_div_mod.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  return PrepareSameTypeBinary(context, "FLOOR_DIV", {DType::kFloat32}, kMaxBroadcastRank4D);
}

Status Eval(OpContext& context) {
  const Tensor& divisor = *context.input(1);
  const float* b = divisor.as<float>();
  for (int64_t i = 0; i < divisor.num_elements(); ++i) {
    TFH_INVOKE_ENSURE(b[i] != 0.0f, "FLOOR_DIV: division by 0 (divisor element %lld)",
                      static_cast<long long>(i));
  }
  reference::BroadcastBinary(context.data<BroadcastPlanData>()->plan,
                             context.input(0)->as<float>(), b, context.output(0)->as<float>(),
                             reference::FloorDiv);
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"FLOOR_DIV", "reference", {DType::kFloat32}, Prepare, Eval});

}  // namespace tflm_host
