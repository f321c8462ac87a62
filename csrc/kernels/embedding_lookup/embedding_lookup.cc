// EMBEDDING_LOOKUP: rows of a [rows, ...] table (float32 or int8) picked by a vector of int32
// row numbers, as TFLM. An int8 table with a float32 output is the hybrid path: rows are
// dequantized with the table's scale (its zero point must be 0). The model's static output
// shape must be [lookups, table.shape[1:]]; a row number outside the table fails the invoke.
#include "core/registry.h"
#include "kernels/common/shape_util.h"
#include "kernels/common/prepare_util.h"
#include "kernels/common/raw_data.h"
#include "reference/embedding_lookup.h"
#include "reference/gather.h"

namespace tflm_host {
namespace {

struct EmbeddingLookupData : OpData {
  reference::GatherParams rows{};  // the plain path: GATHER of whole rows on axis 0
  bool hybrid = false;
  float scale = 0.0f;
};

Status Prepare(OpContext& context) {
  TFH_RETURN_IF_ERROR(CheckArity(context, 2, 2, 1));
  const Tensor *lookup, *table;
  TFH_RETURN_IF_ERROR(RequireInput(context, 0, &lookup));
  TFH_RETURN_IF_ERROR(RequireInput(context, 1, &table));
  const Tensor* output = context.output(0);
  TFH_ENSURE(lookup->rank() == 1, "lookup must be a vector, it has rank %d", lookup->rank());
  TFH_RETURN_IF_ERROR(CheckType(*lookup, DType::kInt32, "lookup"));
  TFH_ENSURE(table->rank() >= 2, "the table must have rank 2 or more, it has %d",
             table->rank());
  TFH_ENSURE(table->type == DType::kFloat32 || table->type == DType::kInt8,
             "table type %s is not supported", DTypeName(table->type));
  const bool hybrid = table->type == DType::kInt8 && output->type == DType::kFloat32;
  if (!hybrid) TFH_RETURN_IF_ERROR(CheckType(*output, table->type, "output"));
  std::vector<int32_t> expected = table->dims;
  expected[0] = lookup->dim(0);
  TFH_RETURN_IF_ERROR(CheckDims(output->dims, expected, "output"));

  auto* data = context.make_data<EmbeddingLookupData>();
  data->hybrid = hybrid;
  if (hybrid) {
    TFH_ENSURE(table->zero_point() == 0, "a hybrid table must have zero point 0, it has %d",
               table->zero_point());
    data->scale = table->scale();
  }
  data->rows = {1, 1, table->dim(0), FlatSize(table->dims, 1, table->rank()), lookup->dim(0)};
  return Status::Ok();
}

Status Eval(OpContext& context) {
  const auto* data = context.data<EmbeddingLookupData>();
  const Tensor* lookup = context.input(0);
  const Tensor* table = context.input(1);
  Tensor* output = context.output(0);
  if (data->rows.axis_size == 0) return Status::Ok();  // TFLM returns early for an empty table
  const bool ok =
      data->hybrid
          ? reference::EmbeddingLookupHybrid(lookup->as<int32_t>(), data->rows.coord_size,
                                             table->as<int8_t>(), data->rows.axis_size,
                                             data->rows.inner_size, data->scale,
                                             output->as<float>())
          : reference::Gather(data->rows, ElementBytes(table->type), table->data,
                              lookup->as<int32_t>(), output->data);
  if (!ok) return Status::Error(StatusCode::kRuntime, "a lookup index is outside the table");
  return Status::Ok();
}

}  // namespace

// Input 0 is the int32 lookup vector; the table's type is checked in Prepare.
TFH_REGISTER_KERNEL({"EMBEDDING_LOOKUP", "reference", {DType::kFloat32, DType::kInt8}, Prepare,
                     Eval, nullptr, /*type_input=*/1});

}  // namespace tflm_host
