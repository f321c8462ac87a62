// Binary elementwise ops with numpy-style broadcasting, the semantics of TFLM's
// BroadcastBinaryOpSimple: shapes are right-aligned and a dimension of 1 repeats. Each output
// element depends only on its two inputs, so the visiting order cannot change a result; the
// plan merges adjacent dimensions that share a broadcast pattern to keep inner loops long.
#pragma once

#include <cstdint>
#include <vector>

namespace tflm_host {
namespace reference {

// Loop depth a plan holds: at most one loop per dimension.
constexpr int kMaxBroadcastLoops = 6;

struct BroadcastPlan {
  int loops = 1;  // loop 0 is the innermost
  int64_t extent[kMaxBroadcastLoops] = {1};
  int64_t stride1[kMaxBroadcastLoops] = {0};  // element strides; 0 repeats the input
  int64_t stride2[kMaxBroadcastLoops] = {0};
  int64_t out_stride[kMaxBroadcastLoops] = {1};
};

// Dims of `dims` extended on the left with 1s to `rank`.
inline std::vector<int32_t> ExtendShape(const std::vector<int32_t>& dims, int rank) {
  std::vector<int32_t> out(rank - dims.size(), 1);
  out.insert(out.end(), dims.begin(), dims.end());
  return out;
}

// Builds the loops for shapes already known to broadcast to `out` (all extended to one rank
// of at most kMaxBroadcastLoops). Dimensions of extent 1 need no loop and are dropped.
inline BroadcastPlan MakeBroadcastPlan(const std::vector<int32_t>& in1,
                                       const std::vector<int32_t>& in2,
                                       const std::vector<int32_t>& out) {
  BroadcastPlan plan;
  plan.loops = 0;
  int64_t size1 = 1, size2 = 1, size_out = 1;
  for (int d = static_cast<int>(out.size()) - 1; d >= 0; --d) {
    const int64_t extent = out[d];
    if (extent != 1) {
      const int64_t s1 = in1[d] == 1 ? 0 : size1;
      const int64_t s2 = in2[d] == 1 ? 0 : size2;
      const int last = plan.loops - 1;
      if (last >= 0 && s1 == plan.stride1[last] * plan.extent[last] &&
          s2 == plan.stride2[last] * plan.extent[last]) {
        plan.extent[last] *= extent;  // continues the previous loop's walk over both inputs
      } else {
        plan.extent[plan.loops] = extent;
        plan.stride1[plan.loops] = s1;
        plan.stride2[plan.loops] = s2;
        plan.out_stride[plan.loops] = size_out;
        ++plan.loops;
      }
    }
    size1 *= in1[d];
    size2 *= in2[d];
    size_out *= extent;
  }
  if (plan.loops == 0) {  // a single element
    plan.loops = 1;
    plan.extent[0] = 1;
    plan.stride1[0] = plan.stride2[0] = 0;
    plan.out_stride[0] = 1;
  }
  return plan;
}

// The inputs may differ in type (PRELU: int16 values, int8 alphas).
template <typename InA, typename InB, typename Out, typename Op>
void BroadcastLoop(const BroadcastPlan& plan, int loop, const InA* a, const InB* b, Out* out,
                   const Op& op) {
  const int64_t extent = plan.extent[loop];
  const int64_t sa = plan.stride1[loop], sb = plan.stride2[loop];
  if (loop == 0) {
    for (int64_t i = 0; i < extent; ++i) out[i] = op(a[i * sa], b[i * sb]);
    return;
  }
  const int64_t so = plan.out_stride[loop];
  for (int64_t i = 0; i < extent; ++i)
    BroadcastLoop(plan, loop - 1, a + i * sa, b + i * sb, out + i * so, op);
}

// out[i] = op(a[broadcast index], b[broadcast index]) over the whole output.
template <typename InA, typename InB, typename Out, typename Op>
void BroadcastBinary(const BroadcastPlan& plan, const InA* a, const InB* b, Out* out,
                     const Op& op) {
  BroadcastLoop(plan, plan.loops - 1, a, b, out, op);
}

}  // namespace reference
}  // namespace tflm_host
