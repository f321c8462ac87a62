/*
 * arm_fully_connected_s8 (per-tensor requantization, symmetric weights) on the
 * GEMM engine, and arm_vector_sum_s8 (kernel sums for callers that fold them).
 */
#include "arm_nnfunctions.h"
#include "../HostSupport/arm_nn_host_internal.h"

#include <string.h>

/* Batches handed to one GEMM call. */
#define ROW_BLOCK 64

int32_t arm_fully_connected_s8_get_buffer_size(const cmsis_nn_dims *filter_dims)
{
    (void)filter_dims;
    return 0;
}

arm_cmsis_nn_status arm_fully_connected_s8(const cmsis_nn_context *ctx,
                                           const cmsis_nn_fc_params *fc_params,
                                           const cmsis_nn_per_tensor_quant_params *quant_params,
                                           const cmsis_nn_dims *input_dims,
                                           const int8_t *input_data,
                                           const cmsis_nn_dims *filter_dims,
                                           const int8_t *filter_data,
                                           const cmsis_nn_dims *bias_dims,
                                           const int32_t *bias_data,
                                           const cmsis_nn_dims *output_dims,
                                           int8_t *output_data)
{
    (void)ctx;
    (void)bias_dims;
    if (fc_params->filter_offset != 0)
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
    const int32_t depth = filter_dims->n;
    const int32_t out_c = output_dims->c;
    const arm_nn_host_gemm_params gp = {
        .rows = out_c,
        .cols = depth,
        .filter = filter_data,
        .row_stride = depth,
        .col_stride = 1,
        .bias = bias_data,
        .multiplier = &quant_params->multiplier,
        .shift = &quant_params->shift,
        .per_channel = 0,
        .input_offset = fc_params->input_offset,
        .output_offset = fc_params->output_offset,
        .act_min = fc_params->activation.min,
        .act_max = fc_params->activation.max,
        .packed = arm_nn_host_take_packed_filter(filter_data, out_c, depth, depth, 1, bias_data, fc_params->input_offset),
    };
    const int8_t *rows[ROW_BLOCK];
    for (int32_t batch = 0; batch < input_dims->n; batch += ROW_BLOCK)
    {
        const int32_t count = input_dims->n - batch < ROW_BLOCK ? input_dims->n - batch : ROW_BLOCK;
        for (int32_t i = 0; i < count; i++)
        {
            rows[i] = input_data + (int64_t)(batch + i) * depth;
        }
        arm_nn_host_gemm_s8(&gp, rows, count, output_data + (int64_t)batch * out_c, out_c);
    }
    return ARM_CMSIS_NN_SUCCESS;
}

arm_cmsis_nn_status arm_vector_sum_s8(int32_t *vector_sum_buf,
                                      const int32_t vector_cols,
                                      const int32_t vector_rows,
                                      const int8_t *vector_data,
                                      const int32_t lhs_offset,
                                      const int32_t *bias_data)
{
    for (int32_t r = 0; r < vector_rows; r++)
    {
        int32_t sum = 0;
        for (int32_t c = 0; c < vector_cols; c++)
        {
            sum += vector_data[(int64_t)r * vector_cols + c];
        }
        vector_sum_buf[r] = (bias_data != NULL ? bias_data[r] : 0) + sum * lhs_offset;
    }
    return ARM_CMSIS_NN_SUCCESS;
}

arm_cmsis_nn_status arm_vector_sum_s8_s64(int64_t *vector_sum_buf,
                                          const int32_t vector_cols,
                                          const int32_t vector_rows,
                                          const int8_t *vector_data,
                                          const int32_t lhs_offset,
                                          const int64_t *bias_data)
{
    for (int32_t r = 0; r < vector_rows; r++)
    {
        int64_t sum = 0;
        for (int32_t c = 0; c < vector_cols; c++)
        {
            sum += vector_data[(int64_t)r * vector_cols + c];
        }
        vector_sum_buf[r] = (bias_data != NULL ? bias_data[r] : 0) + sum * lhs_offset;
    }
    return ARM_CMSIS_NN_SUCCESS;
}
