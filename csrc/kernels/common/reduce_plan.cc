#include "kernels/common/reduce_plan.h"

#include <utility>
#include <vector>

#include "kernels/common/prepare_util.h"

namespace tflm_host {
namespace {

// Which input dimensions are reduced, from the axis tensor (negative axes count from the end,
// duplicates are ignored).
Status ResolveAxes(const Tensor& input, const Tensor& axis, std::vector<bool>* reduced) {
  TFH_RETURN_IF_ERROR(CheckType(axis, DType::kInt32, "axis"));
  TFH_ENSURE(axis.is_constant || axis.num_elements() == 0,
             "the axis tensor must be a constant");
  const int rank = input.rank();
  reduced->assign(rank, false);
  for (int64_t i = 0; i < axis.num_elements(); ++i) {
    const int32_t value = axis.as<int32_t>()[i];
    if (rank == 0) continue;  // a scalar has nothing to reduce; TFLM ignores its axes
    TFH_ENSURE(value >= -rank && value < rank, "axis %d is out of range for rank %d", value,
               rank);
    (*reduced)[value < 0 ? value + rank : value] = true;
  }
  return Status::Ok();
}

reference::ReducePlan MakePlan(const Tensor& input, const std::vector<bool>& reduced) {
  reference::ReducePlan plan;
  plan.dims = input.dims;
  plan.out_strides.assign(input.rank(), 0);
  plan.num_inputs = input.num_elements();
  plan.num_outputs = 1;
  plan.reduced_count = 1;
  for (int d = input.rank() - 1; d >= 0; --d) {
    if (reduced[d]) {
      plan.reduced_count *= input.dim(d);
    } else {
      plan.out_strides[d] = plan.num_outputs;
      plan.num_outputs *= input.dim(d);
    }
  }
  return plan;
}

}  // namespace

Status PrepareReducePlan(const OpContext& context, const char* op, int max_rank,
                         reference::ReducePlan* plan) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *input, *axis;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &axis));
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  TFH_ENSURE(input->rank() <= max_rank, "%s supports inputs of rank <= %d, got %d", op,
             max_rank, input->rank());
  std::vector<bool> reduced;
  TFH_RETURN_IF_ERROR(ResolveAxes(*input, *axis, &reduced));
  *plan = MakePlan(*input, reduced);
  TFH_ENSURE(output->num_elements() == plan->num_outputs,
             "output has %lld elements, the reduction gives %lld",
             static_cast<long long>(output->num_elements()),
             static_cast<long long>(plan->num_outputs));
  return Status::Ok();
}

namespace {

Status PrepareSumRequantization(const Tensor& input, const Tensor& output, const char* op,
                                int64_t divisor, reference::ReduceQuantParams* params) {
  TFH_RETURN_IF_ERROR(CheckQuantized(input, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(output, "output"));
  params->input_zero_point = input.zero_point();
  params->output_zero_point = output.zero_point();
  const double real = static_cast<double>(input.scale()) / static_cast<double>(output.scale());
  QuantizeMultiplier(real, &params->multiplier, &params->shift);
  if (divisor > 1) reference::FoldMeanDivisor(divisor, &params->multiplier, &params->shift);
  // A larger left shift would overflow before the multiply (undefined in TFLM).
  TFH_ENSURE(params->shift <= 30, "%s rescale factor %g is too large", op, real);
  return Status::Ok();
}

}  // namespace

Status PrepareSumOrMean(OpContext& context, const char* op, bool is_mean) {
  reference::ReducePlan plan;
  TFH_RETURN_IF_ERROR(PrepareReducePlan(context, op, kMaxSumReduceRank, &plan));
  const Tensor* input = context.input(0);
  auto* data = context.make_data<SumData>();
  data->plan = std::move(plan);
  switch (input->type) {
    case DType::kFloat32:
      return Status::Ok();
    case DType::kInt8:
    case DType::kInt16:
      data->sums_scratch = context.request_scratch(data->plan.num_outputs * sizeof(int32_t));
      return PrepareSumRequantization(*input, *context.output(0), op,
                                      is_mean ? data->plan.reduced_count : 1, &data->quant);
    default:
      break;
  }
  return Status::Error(StatusCode::kInvalid, Format("%s supports FLOAT32, INT8 and INT16, got %s",
                                                    op, DTypeName(input->type)));
}

void EvalSumQuantized(const OpContext& context) {
  const auto* data = context.data<SumData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  auto* sums = static_cast<int32_t*>(context.scratch(data->sums_scratch));
  if (input->type == DType::kInt8)
    reference::SumQuantized(data->plan, data->quant, input->as<int8_t>(), sums,
                            output->as<int8_t>());
  else
    reference::SumQuantized(data->plan, data->quant, input->as<int16_t>(), sums,
                            output->as<int16_t>());
}

}  // namespace tflm_host
