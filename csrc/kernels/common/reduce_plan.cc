#include "kernels/common/reduce_plan.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "kernels/common/prepare_util.h"
#include "kernels/common/shape_util.h"
#include "kernels/common/single_axis.h"

namespace tflm_host {
namespace {

// Marks the reduced dimensions of a rank-`rank` input (negative axes count from the end,
// duplicates count once).
Status ResolveAxes(const Tensor& axis, int rank, bool* reduced) {
  std::fill(reduced, reduced + rank, false);
  for (int64_t i = 0; i < axis.num_elements(); ++i) {
    if (rank == 0) break;  // a scalar has nothing to reduce; TFLM ignores its axes
    int32_t value;
    std::memcpy(&value, axis.data + i * sizeof(value), sizeof(value));  // may be unaligned
    int resolved;
    TFH_RETURN_IF_ERROR(ResolveAxis(value, rank, "axis", &resolved));
    reduced[resolved] = true;
  }
  return Status::Ok();
}

// Fills the strides and counts of a plan whose dims are set.
void FillPlan(const bool* reduced, reference::ReducePlan* plan) {
  plan->num_outputs = 1;
  plan->reduced_count = 1;
  for (int d = static_cast<int>(plan->dims.size()) - 1; d >= 0; --d) {
    if (reduced[d]) {
      plan->out_strides[d] = 0;
      plan->reduced_count *= plan->dims[d];
    } else {
      plan->out_strides[d] = plan->num_outputs;
      plan->num_outputs *= plan->dims[d];
    }
  }
}

Status ResolvePlan(const OpContext& context, reference::ReducePlan* plan) {
  bool reduced[reference::kMaxReducePlanRank];
  TFH_RETURN_IF_ERROR(ResolveAxes(*context.input(1), static_cast<int>(plan->dims.size()),
                                  reduced));
  FillPlan(reduced, plan);
  const int64_t outputs = context.output(0)->num_elements();
  TFH_ENSURE(outputs == plan->num_outputs, "output has %lld elements, the reduction gives %lld",
             static_cast<long long>(outputs), static_cast<long long>(plan->num_outputs));
  return Status::Ok();
}

// int8/int16: the multiplier, with 1/divisor folded in when divisor > 1 (MEAN's count).
Status FoldedRequantization(const reference::ReduceQuantParams& unfolded, int64_t divisor,
                            const char* op, reference::ReduceQuantParams* params) {
  *params = unfolded;
  if (divisor > 1) reference::FoldMeanDivisor(divisor, &params->multiplier, &params->shift);
  // A larger left shift would overflow before the multiply (undefined in TFLM).
  TFH_ENSURE(params->shift <= 30, "%s rescale factor is too large (shift %d)", op,
             params->shift);
  return Status::Ok();
}

}  // namespace

Status PrepareReducePlan(const OpContext& context, const char* op, int max_rank,
                         ReduceAxesPlan* axes) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *input, *axis;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &axis));
  TFH_RETURN_IF_ERROR(CheckType(*context.output(0), input->type, "output"));
  TFH_RETURN_IF_ERROR(CheckType(*axis, DType::kInt32, "axis"));
  TFH_ENSURE(input->rank() <= max_rank, "%s supports inputs of rank <= %d, got %d", op,
             max_rank, input->rank());
  auto& plan = axes->plan;
  plan.dims = input->dims;
  plan.out_strides.assign(input->rank(), 0);
  plan.num_inputs = input->num_elements();
  axes->axes_from_input = !axis->is_constant;
  if (axes->axes_from_input) {  // every axis reduced, for the scratch sizes; Eval resolves
    plan.num_outputs = context.output(0)->num_elements();
    plan.reduced_count = plan.num_inputs;
    return Status::Ok();
  }
  return ResolvePlan(context, &plan);
}

Status UpdateReducePlan(const OpContext& context, ReduceAxesPlan* axes) {
  if (!axes->axes_from_input) return Status::Ok();
  return AsInvokeError(ResolvePlan(context, &axes->plan));
}

Status PrepareSumOrMean(OpContext& context, const char* op, bool is_mean) {
  ReduceAxesPlan axes;
  TFH_RETURN_IF_ERROR(PrepareReducePlan(context, op, kMaxSumReduceRank, &axes));
  const Tensor* input = context.input(0);
  const Tensor* output = context.output(0);
  auto* data = context.make_data<SumData>();
  data->axes = std::move(axes);
  data->is_mean = is_mean;
  if (input->type == DType::kFloat32) return Status::Ok();
  TFH_ENSURE(input->type == DType::kInt8 || input->type == DType::kInt16,
             "%s supports FLOAT32, INT8 and INT16, got %s", op, DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckQuantized(*input, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(*output, "output"));
  auto& q = data->unfolded;
  q.input_zero_point = input->zero_point();
  q.output_zero_point = output->zero_point();
  QuantizeMultiplier(static_cast<double>(input->scale()) / static_cast<double>(output->scale()),
                     &q.multiplier, &q.shift);
  data->sums_scratch = context.request_scratch(output->num_elements() * sizeof(int32_t));
  if (data->axes.axes_from_input)  // MEAN folds its count in each Eval; SUM needs no fold
    return FoldedRequantization(q, 1, op, &data->quant);
  return FoldedRequantization(q, is_mean ? data->axes.plan.reduced_count : 1, op, &data->quant);
}

Status EvalSumQuantized(const OpContext& context) {
  auto* data = context.data<SumData>();
  const auto& plan = data->axes.plan;
  if (data->axes.axes_from_input && data->is_mean)
    TFH_RETURN_IF_ERROR(AsInvokeError(
        FoldedRequantization(data->unfolded, plan.reduced_count, "MEAN", &data->quant)));
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  auto* sums = static_cast<int32_t*>(context.scratch(data->sums_scratch));
  if (input->type == DType::kInt8)
    reference::SumQuantized(plan, data->quant, input->as<int8_t>(), sums, output->as<int8_t>());
  else
    reference::SumQuantized(plan, data->quant, input->as<int16_t>(), sums,
                            output->as<int16_t>());
  return Status::Ok();
}

}  // namespace tflm_host
