// BROADCAST_ARGS: the broadcast shape of two int32 (or int64) shape vectors, written into an
// output vector of the same type and its own static length, as TFLM. Incompatible shapes
// abort TFLM when it runs; here they fail the invoke.
#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "reference/broadcast_args.h"

namespace tflm_host {
namespace {

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *shape1, *shape2;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &shape1));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &shape2));
  const Tensor* output = context.output(0);
  TFH_ENSURE(shape1->type == DType::kInt32 || shape1->type == DType::kInt64,
             "type %s is not supported", DTypeName(shape1->type));
  TFH_RETURN_IF_ERROR(CheckType(*shape2, shape1->type, "input 1"));
  TFH_RETURN_IF_ERROR(CheckType(*output, shape1->type, "output"));
  TFH_ENSURE(shape1->rank() == 1 && shape2->rank() == 1 && output->rank() == 1,
             "the inputs and the output must be vectors");
  return Status::Ok();
}

template <typename T>
bool Compute(const Tensor& a, const Tensor& b, Tensor* out) {
  return reference::BroadcastArgs(a.as<T>(), a.num_elements(), b.as<T>(), b.num_elements(),
                                  out->as<T>(), out->num_elements());
}

Status Eval(OpContext& context) {
  const Tensor& a = *context.input(0);
  const Tensor& b = *context.input(1);
  Tensor* out = context.output(0);
  const bool ok = a.type == DType::kInt32 ? Compute<int32_t>(a, b, out)
                                          : Compute<int64_t>(a, b, out);
  if (!ok)
    return Status::Error(StatusCode::kRuntime,
                         "the input shapes do not broadcast (TFLM aborts here)");
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"BROADCAST_ARGS", "reference", {DType::kInt32, DType::kInt64}, Prepare,
                     Eval});

}  // namespace tflm_host
