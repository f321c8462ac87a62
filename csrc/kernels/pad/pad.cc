// PAD and PADV2 (one kernel in TFLM): constant paddings [rank, 2], up to 5-D. The pad value
// is the optional third input, else 0, except for int8 where it is the output zero point.
// Quantization is unchanged; TFLM compares it only for an int8 pad-value input.
#include <cstring>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"
#include "reference/pad.h"

namespace tflm_host {
namespace {

struct PadData : OpData {
  reference::PadParams params{};
  uint64_t default_pad_bits = 0;  // pad value without a third input, as the element's bits
};

bool SupportedType(DType type) {
  return type == DType::kFloat32 || type == DType::kInt8 || type == DType::kInt16 ||
         type == DType::kInt32;
}

Status CheckConstantValue(const Tensor& input, const Tensor& value, const Tensor& output) {
  TFH_RETURN_IF_ERROR(CheckType(value, input.type, "pad value"));
  TFH_ENSURE(value.num_elements() == 1, "pad value must hold one element, it holds %lld",
             static_cast<long long>(value.num_elements()));
  if (input.type == DType::kInt8) {
    // The pad value is copied, not requantized, so it must share the output's quantization.
    TFH_ENSURE(value.zero_point() == output.zero_point(),
               "pad value zero point %d differs from the output's %d", value.zero_point(),
               output.zero_point());
    TFH_ENSURE(value.scale() == output.scale(), "pad value scale %g differs from the output's %g",
               value.scale(), output.scale());
  }
  return Status::Ok();
}

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 3, 1));
  const Tensor *input, *paddings;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &input));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &paddings));
  const Tensor* value = context.input(2);
  const Tensor* output = context.output(0);
  TFH_ENSURE(SupportedType(input->type), "type %s is not supported", DTypeName(input->type));
  TFH_RETURN_IF_ERROR(CheckType(*output, input->type, "output"));
  const int rank = input->rank();
  TFH_ENSURE(rank <= reference::kPadDims, "input rank %d exceeds %d", rank, reference::kPadDims);
  TFH_ENSURE(output->rank() == rank, "output rank %d differs from input rank %d",
             output->rank(), rank);
  if (value != nullptr) TFH_RETURN_IF_ERROR(CheckConstantValue(*input, *value, *output));

  TFH_ENSURE(paddings->num_elements() == 2 * rank,
             "paddings hold %lld values, expected 2 per output dimension (%d)",
             static_cast<long long>(paddings->num_elements()), 2 * rank);
  std::vector<int32_t> pads;
  TFH_RETURN_IF_ERROR(ReadConstantInt32s(*paddings, 2 * rank, "paddings", &pads));

  auto* data = context.make_data<PadData>();
  reference::PadParams& p = data->params;
  const int front = reference::kPadDims - rank;
  for (int d = 0; d < reference::kPadDims; ++d) {
    p.output_dims[d] = 1;
    p.left[d] = p.right[d] = 0;
  }
  for (int i = 0; i < rank; ++i) {
    const int64_t expected = static_cast<int64_t>(input->dim(i)) + pads[2 * i] + pads[2 * i + 1];
    TFH_ENSURE(output->dim(i) == expected,
               "output dimension %d is %d, expected %lld (input %d + paddings %d and %d%s)", i,
               output->dim(i), static_cast<long long>(expected), input->dim(i), pads[2 * i],
               pads[2 * i + 1],
               paddings->type == DType::kInt32 ? "" : "; TFLM reads paddings as int32 words");
    p.output_dims[front + i] = output->dim(i);
    p.left[front + i] = pads[2 * i];
    p.right[front + i] = pads[2 * i + 1];
  }
  p.block[reference::kPadDims - 1] = 1;
  for (int d = reference::kPadDims - 2; d >= 0; --d)
    p.block[d] = p.block[d + 1] * p.output_dims[d + 1];

  if (input->type == DType::kInt8 && value == nullptr) {
    const int32_t zero_point = output->zero_point();
    TFH_ENSURE(zero_point >= -128 && zero_point <= 127,
               "output zero point %d is outside the int8 range", zero_point);
    data->default_pad_bits = static_cast<uint8_t>(zero_point);
  }
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<PadData>();
  const Tensor* input = context.input(0);
  const Tensor* value = context.input(2);
  Tensor* output = context.output(0);
  DispatchByElementSize(input->type, [&](auto storage) {
    using S = decltype(storage);
    S pad = static_cast<S>(data->default_pad_bits);
    if (value != nullptr) std::memcpy(&pad, value->data, sizeof(S));
    reference::Pad<S>(data->params, input->as<S>(), pad, output->as<S>());
  });
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"PAD", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16, DType::kInt32}, Prepare,
                     Eval});
TFH_REGISTER_KERNEL({"PADV2", "reference",
                     {DType::kFloat32, DType::kInt8, DType::kInt16, DType::kInt32}, Prepare,
                     Eval});

}  // namespace tflm_host
