// FLOOR_MOD: float32 with broadcasting up to 4-D (TFLM's floor_mod.cc); a zero divisor
// gives NaN rather than an error.
#include "core/registry.h"
#include "kernels/common/binary_math.h"
#include "reference/floor_div_mod.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  return PrepareSameTypeBinary(context, "FLOOR_MOD", {DType::kFloat32}, kMaxBroadcastRank4D);
}

Status Eval(OpContext& context) {
  reference::BroadcastBinary(context.data<BroadcastPlanData>()->plan,
                             context.input(0)->as<float>(), context.input(1)->as<float>(),
                             context.output(0)->as<float>(), reference::FloorMod);
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"FLOOR_MOD", "reference", {DType::kFloat32}, Prepare, Eval});

}  // namespace tflm_host
