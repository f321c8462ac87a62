// MEAN: float, int8 and int16 over the axes of a constant int32 tensor, with or without
// keep_dims. Prepare resolves the axes into a loop plan and folds 1/count into the int8/int16
// requantization; Eval calls reference/mean.h.
#include <string>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "reference/mean.h"

namespace tflm_host {
namespace {

// TFLM's reduce kernels index the input with a fixed array of this many dimensions.
constexpr int kMaxInputRank = 5;

struct MeanData : OpData {
  reference::ReducePlan plan;
  reference::MeanQuantParams quant{};
  int sums_scratch = -1;  // int8/int16: one int32 sum per output
};

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

Status PrepareQuantized(const Tensor& input, const Tensor& output, MeanData* data) {
  TFH_RETURN_IF_ERROR(CheckQuantized(input, "input"));
  TFH_RETURN_IF_ERROR(CheckQuantized(output, "output"));
  auto& q = data->quant;
  q.input_zero_point = input.zero_point();
  q.output_zero_point = output.zero_point();
  const double real = static_cast<double>(input.scale()) / static_cast<double>(output.scale());
  QuantizeMultiplier(real, &q.multiplier, &q.shift);
  if (data->plan.reduced_count > 0)
    reference::FoldMeanDivisor(data->plan.reduced_count, &q.multiplier, &q.shift);
  // A larger left shift would overflow before the multiply (undefined in TFLM).
  TFH_ENSURE(q.shift <= 30, "MEAN rescale factor %g is too large", real);
  return Status::Ok();
}

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *input, *axis;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &axis));
  Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  TFH_ENSURE(input->rank() <= kMaxInputRank, "MEAN supports inputs of rank <= %d, got %d",
             kMaxInputRank, input->rank());
  std::vector<bool> reduced;
  TFH_RETURN_IF_ERROR(ResolveAxes(*input, *axis, &reduced));
  auto* data = context.make_data<MeanData>();
  data->plan = MakePlan(*input, reduced);
  TFH_ENSURE(output->num_elements() == data->plan.num_outputs,
             "output has %lld elements, the reduction gives %lld",
             static_cast<long long>(output->num_elements()),
             static_cast<long long>(data->plan.num_outputs));
  switch (input->type) {
    case DType::kFloat32:
      return Status::Ok();
    case DType::kInt8:
    case DType::kInt16:
      data->sums_scratch = context.request_scratch(data->plan.num_outputs * sizeof(int32_t));
      return PrepareQuantized(*input, *output, data);
    default:
      break;
  }
  return Status::Error(StatusCode::kInvalid,
                       Format("MEAN does not support %s", DTypeName(input->type)));
}

Status Eval(OpContext& context) {
  const auto* data = context.data<MeanData>();
  const Tensor* input = context.input(0);
  Tensor* output = context.output(0);
  switch (input->type) {
    case DType::kFloat32:
      reference::MeanFloat(data->plan, input->as<float>(), output->as<float>());
      break;
    case DType::kInt8:
      reference::MeanQuantized(data->plan, data->quant, input->as<int8_t>(),
                               static_cast<int32_t*>(context.scratch(data->sums_scratch)),
                               output->as<int8_t>());
      break;
    default:
      reference::MeanQuantized(data->plan, data->quant, input->as<int16_t>(),
                               static_cast<int32_t*>(context.scratch(data->sums_scratch)),
                               output->as<int16_t>());
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"MEAN", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval});

}  // namespace tflm_host
