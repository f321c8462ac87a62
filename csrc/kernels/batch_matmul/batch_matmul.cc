// BATCH_MATMUL: float, int8 and int16 (both operands and the output of one type), ranks 2 to
// 5 with broadcast batch dimensions, adj_x / adj_y. Like TFLM, the RHS is used transposed to
// [..., cols, depth] (adj_y gives it so already): a constant RHS is transposed once here in
// Prepare, any other into arena scratch on every invoke; an adj_x LHS is transposed back to
// [..., rows, depth] into scratch.
#include <algorithm>
#include <vector>

#include "core/registry.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"
#include "reference/batch_matmul.h"
#include "reference/broadcast.h"

namespace tflm_host {
namespace {

constexpr int kMinRank = 2, kMaxRank = 5;

struct BatchMatMulData : OpData {
  reference::MatMulShape shape{};
  reference::MatMulQuantParams quant{};
  bool adj_x = false, adj_y = false;
  int64_t lhs_matrices = 0, rhs_matrices = 0;  // matrices stored in each operand
  int lhs_scratch = -1;              // adj_x: the LHS transposed
  int rhs_scratch = -1;              // !adj_y, RHS not constant: the RHS transposed
  std::vector<uint8_t> rhs_constant;  // !adj_y, constant RHS: transposed in Prepare
};

// Element strides of the three (left-extended) batch dims; 0 where the dim is 1 (broadcast),
// as TFLM's batch_matmul::extent.
void BatchStrides(const std::vector<int32_t>& extended, int64_t matrix_size, int64_t* strides) {
  int64_t size = matrix_size;
  for (int d = reference::kMatMulBatchDims - 1; d >= 0; --d) {
    strides[d] = extended[d] == 1 ? 0 : size;
    size *= extended[d];
  }
}

Status CheckOperands(const Tensor& lhs, const Tensor& rhs, const Tensor& output) {
  TFH_ENSURE(lhs.type == DType::kFloat32 || lhs.type == DType::kInt8 || lhs.type == DType::kInt16,
             "BATCH_MATMUL supports FLOAT32, INT8 and INT16, got %s", DTypeName(lhs.type));
  TFH_RETURN_IF_ERROR(CheckType(rhs, lhs.type, "rhs"));
  TFH_RETURN_IF_ERROR(CheckType(output, lhs.type, "output"));
  for (const Tensor* t : {&lhs, &rhs})
    TFH_ENSURE(t->rank() >= kMinRank && t->rank() <= kMaxRank,
               "BATCH_MATMUL operands must have rank %d to %d, got %d", kMinRank, kMaxRank,
               t->rank());
  return Status::Ok();
}

Status PrepareQuantization(const Tensor& lhs, const Tensor& rhs, const Tensor& output,
                           reference::MatMulQuantParams* q) {
  const char* names[] = {"lhs", "rhs", "output"};
  const Tensor* tensors[] = {&lhs, &rhs, &output};
  for (int i = 0; i < 3; ++i) {
    TFH_RETURN_IF_ERROR(CheckQuantized(*tensors[i], names[i]));
    TFH_ENSURE(tensors[i]->scales.size() == 1, "%s must be quantized per tensor", names[i]);
    TFH_ENSURE(lhs.type != DType::kInt16 || tensors[i]->zero_point() == 0,
               "int16 BATCH_MATMUL needs zero points of 0, %s has %d", names[i],
               tensors[i]->zero_point());
  }
  q->lhs_zero_point = lhs.zero_point();
  q->rhs_zero_point = rhs.zero_point();
  q->output_zero_point = output.zero_point();
  QuantizeMultiplier(ConvolutionRealMultiplier(lhs, rhs, output), &q->multiplier, &q->shift);
  return Status::Ok();
}

// Shapes: broadcast batch dims and the matrix sizes, checked against the output.
Status PrepareShape(const Tensor& lhs, const Tensor& rhs, const Tensor& output,
                    BatchMatMulData* data) {
  const int rank = std::max(lhs.rank(), rhs.rank());
  const std::vector<int32_t> l = reference::ExtendShape(lhs.dims, rank);
  const std::vector<int32_t> r = reference::ExtendShape(rhs.dims, rank);
  std::vector<int32_t> expected(rank);
  for (int d = 0; d < rank - 2; ++d) {
    TFH_ENSURE(l[d] == r[d] || l[d] == 1 || r[d] == 1,
               "batch dimension %d does not broadcast (%d vs %d)", d, l[d], r[d]);
    expected[d] = l[d] == 1 ? r[d] : l[d];
  }
  auto& s = data->shape;
  s.rows = data->adj_x ? l[rank - 1] : l[rank - 2];
  s.depth = data->adj_x ? l[rank - 2] : l[rank - 1];
  s.cols = data->adj_y ? r[rank - 2] : r[rank - 1];
  const int32_t rhs_depth = data->adj_y ? r[rank - 1] : r[rank - 2];
  TFH_ENSURE(s.depth == rhs_depth, "the LHS depth %d does not match the RHS depth %d", s.depth,
             rhs_depth);
  expected[rank - 2] = s.rows;
  expected[rank - 1] = s.cols;
  TFH_ENSURE(output.dims == expected, "output shape does not match the product's shape");

  const auto batch_l = reference::ExtendShape({l.begin(), l.end() - 2}, reference::kMatMulBatchDims);
  const auto batch_r = reference::ExtendShape({r.begin(), r.end() - 2}, reference::kMatMulBatchDims);
  const auto batch_out =
      reference::ExtendShape({expected.begin(), expected.end() - 2}, reference::kMatMulBatchDims);
  std::copy(batch_out.begin(), batch_out.end(), s.batch);
  const int64_t lhs_size = static_cast<int64_t>(s.rows) * s.depth;
  const int64_t rhs_size = static_cast<int64_t>(s.cols) * s.depth;
  BatchStrides(batch_l, lhs_size, s.lhs_stride);
  BatchStrides(batch_r, rhs_size, s.rhs_stride);
  data->lhs_matrices = lhs.num_elements() / std::max<int64_t>(lhs_size, 1);
  data->rhs_matrices = rhs.num_elements() / std::max<int64_t>(rhs_size, 1);
  return Status::Ok();
}

// Transposes the last two dims of `tensor` (stored [matrices, rows, cols]) into `out`.
void TransposeOperand(const Tensor& tensor, int64_t matrices, void* out) {
  const int32_t rows = tensor.dim(tensor.rank() - 2), cols = tensor.dim(tensor.rank() - 1);
  DispatchByElementSize(tensor.type, [&](auto element) {
    using T = decltype(element);
    reference::TransposeMatrices(tensor.as<T>(), matrices, rows, cols, static_cast<T*>(out));
  });
}

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *lhs, *rhs;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &lhs));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &rhs));
  const Tensor* output = context.output(0);
  TFH_RETURN_IF_ERROR(CheckOperands(*lhs, *rhs, *output));
  auto* data = context.make_data<BatchMatMulData>();
  data->adj_x = context.options().get_int("adj_x") != 0;
  data->adj_y = context.options().get_int("adj_y") != 0;
  TFH_RETURN_IF_ERROR(PrepareShape(*lhs, *rhs, *output, data));
  if (lhs->type != DType::kFloat32)
    TFH_RETURN_IF_ERROR(PrepareQuantization(*lhs, *rhs, *output, &data->quant));
  const size_t element = ElementBytes(lhs->type);
  if (data->adj_x) data->lhs_scratch = context.request_scratch(lhs->num_elements() * element);
  if (!data->adj_y && rhs->is_constant) {
    data->rhs_constant.resize(rhs->num_elements() * element);
    TransposeOperand(*rhs, data->rhs_matrices, data->rhs_constant.data());
  } else if (!data->adj_y) {
    data->rhs_scratch = context.request_scratch(rhs->num_elements() * element);
  }
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<BatchMatMulData>();
  const Tensor* lhs = context.input(0);
  const Tensor* rhs = context.input(1);
  Tensor* output = context.output(0);
  const void* lhs_rows = lhs->data;
  if (data->adj_x) {
    TransposeOperand(*lhs, data->lhs_matrices, context.scratch(data->lhs_scratch));
    lhs_rows = context.scratch(data->lhs_scratch);
  }
  const void* rhs_t = rhs->data;
  if (!data->rhs_constant.empty()) {
    rhs_t = data->rhs_constant.data();
  } else if (!data->adj_y) {
    TransposeOperand(*rhs, data->rhs_matrices, context.scratch(data->rhs_scratch));
    rhs_t = context.scratch(data->rhs_scratch);
  }
  switch (lhs->type) {
    case DType::kFloat32:
      reference::BatchMatMulFloat(data->shape, static_cast<const float*>(lhs_rows),
                                  static_cast<const float*>(rhs_t), output->as<float>());
      break;
    case DType::kInt8:
      reference::BatchMatMulQuantized<int8_t, int32_t>(
          data->shape, data->quant, static_cast<const int8_t*>(lhs_rows),
          static_cast<const int8_t*>(rhs_t), output->as<int8_t>());
      break;
    default:
      reference::BatchMatMulQuantized<int16_t, int64_t>(
          data->shape, data->quant, static_cast<const int16_t*>(lhs_rows),
          static_cast<const int16_t*>(rhs_t), output->as<int16_t>());
  }
  return Status::Ok();
}

}  // namespace

TFH_REGISTER_KERNEL({"BATCH_MATMUL", "reference", {DType::kFloat32, DType::kInt8, DType::kInt16},
                     Prepare, Eval});

}  // namespace tflm_host
