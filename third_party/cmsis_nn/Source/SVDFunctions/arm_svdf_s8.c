/*
 * tflm-host's CMSIS-NN: arm_svdf_s8 (int8 state and time weights) and
 * arm_svdf_state_s16_s8 (int16 state and time weights), int8 input, feature
 * weights and output. Per invoke, as TFLM's reference SVDF:
 *  - the state [batch, filters * memory] moves one element left (oldest out);
 *  - each filter's newest slot = clamp(requantize(feature row . (x - input zp)));
 *  - each filter's memory is dotted with its time weights, `rank` filters are
 *    summed per unit with the bias, requantized, offset and clamped.
 * The state zero point is taken as 0 (TFLM's cmsis glue passes none; the
 * tflm-host glue runs the reference kernel otherwise). Scratch: input_ctx holds
 * batch * filters int32, output_ctx batch * units int32; arm_svdf_s8's ctx may
 * hold the kernel sums -input_zp * sum(feature row) (else they are computed).
 */
#include "../HostSupport/arm_nn_host_dot.h"
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

static arm_cmsis_nn_status svdf(const int32_t *kernel_sums,
                                const cmsis_nn_context *input_ctx,
                                const cmsis_nn_context *output_ctx,
                                const cmsis_nn_svdf_params *svdf_params,
                                const cmsis_nn_per_tensor_quant_params *input_quant_params,
                                const cmsis_nn_per_tensor_quant_params *output_quant_params,
                                const cmsis_nn_dims *input_dims,
                                const int8_t *input_data,
                                void *state_data,
                                const int32_t state_s16,
                                const cmsis_nn_dims *weights_feature_dims,
                                const int8_t *weights_feature_data,
                                const cmsis_nn_dims *weights_time_dims,
                                const void *weights_time_data,
                                const int32_t *bias_data,
                                int8_t *output_data)
{
    const int32_t batches = input_dims->n, input_size = input_dims->h;
    const int32_t filters = weights_feature_dims->n, memory = weights_time_dims->h;
    const int32_t rank = svdf_params->rank;
    if (rank <= 0 || filters % rank != 0 || input_ctx->buf == NULL || output_ctx->buf == NULL)
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
    const int32_t units = filters / rank;
    const int32_t element = state_s16 ? 2 : 1;
    int32_t *filter_sums = (int32_t *)input_ctx->buf;
    int32_t *unit_sums = (int32_t *)output_ctx->buf;
    const arm_nn_host_dot_s8_fn dot = arm_nn_host_dot_s8_for_isa();

    /* Oldest entry out: the whole state moves one element left. */
    const int64_t count = (int64_t)batches * filters * memory;
    if (count > 1)
    {
        memmove(state_data, (char *)state_data + element, (size_t)((count - 1) * element));
    }

    /* Feature matmul into each filter's newest slot. */
    const int32_t input_zp = svdf_params->input_offset;
    for (int32_t b = 0; b < batches; b++)
    {
        const int8_t *x = input_data + (int64_t)b * input_size;
        for (int32_t f = 0; f < filters; f++)
        {
            const int8_t *w = weights_feature_data + (int64_t)f * input_size;
            uint32_t offset_term;
            if (kernel_sums != NULL)
            {
                offset_term = (uint32_t)kernel_sums[f];
            }
            else
            {
                offset_term = (uint32_t)arm_nn_host_dot_s8_sum(w, input_size) * (uint32_t)(-input_zp);
            }
            const int32_t acc = (int32_t)((uint32_t)dot(x, w, input_size) + offset_term);
            const int32_t v = arm_nn_clamp(arm_nn_requantize(acc, input_quant_params->multiplier,
                                                             input_quant_params->shift),
                                           svdf_params->input_activation.min,
                                           svdf_params->input_activation.max);
            const int64_t newest = ((int64_t)b * filters + f) * memory + memory - 1;
            if (state_s16)
            {
                ((int16_t *)state_data)[newest] = (int16_t)v;
            }
            else
            {
                ((int8_t *)state_data)[newest] = (int8_t)v;
            }
        }
    }

    /* Time matmul: every filter's memory dotted with its time weights (int32 wraps). */
    for (int32_t b = 0; b < batches; b++)
    {
        for (int32_t f = 0; f < filters; f++)
        {
            const int64_t row = ((int64_t)b * filters + f) * memory;
            uint32_t sum = 0;
            for (int32_t m = 0; m < memory; m++)
            {
                const int32_t s =
                    state_s16 ? ((const int16_t *)state_data)[row + m] : ((const int8_t *)state_data)[row + m];
                const int32_t t = state_s16 ? ((const int16_t *)weights_time_data)[(int64_t)f * memory + m]
                                            : ((const int8_t *)weights_time_data)[(int64_t)f * memory + m];
                sum += (uint32_t)(s * t);
            }
            filter_sums[(int64_t)b * filters + f] = (int32_t)sum;
        }
    }

    /* Rank reduction with the bias, then the output. */
    for (int32_t b = 0; b < batches; b++)
    {
        for (int32_t u = 0; u < units; u++)
        {
            uint32_t total = bias_data != NULL ? (uint32_t)bias_data[u] : 0u;
            for (int32_t r = 0; r < rank; r++)
            {
                total += (uint32_t)filter_sums[(int64_t)b * filters + u * rank + r];
            }
            unit_sums[(int64_t)b * units + u] = (int32_t)total;
            const int32_t out =
                arm_nn_requantize((int32_t)total, output_quant_params->multiplier, output_quant_params->shift) +
                svdf_params->output_offset;
            output_data[(int64_t)b * units + u] = (int8_t)arm_nn_clamp(
                out, svdf_params->output_activation.min, svdf_params->output_activation.max);
        }
    }
    return ARM_CMSIS_NN_SUCCESS;
}

arm_cmsis_nn_status arm_svdf_s8(const cmsis_nn_context *ctx,
                                const cmsis_nn_context *input_ctx,
                                const cmsis_nn_context *output_ctx,
                                const cmsis_nn_svdf_params *svdf_params,
                                const cmsis_nn_per_tensor_quant_params *input_quant_params,
                                const cmsis_nn_per_tensor_quant_params *output_quant_params,
                                const cmsis_nn_dims *input_dims,
                                const int8_t *input_data,
                                const cmsis_nn_dims *state_dims,
                                int8_t *state_data,
                                const cmsis_nn_dims *weights_feature_dims,
                                const int8_t *weights_feature_data,
                                const cmsis_nn_dims *weights_time_dims,
                                const int8_t *weights_time_data,
                                const cmsis_nn_dims *bias_dims,
                                const int32_t *bias_data,
                                const cmsis_nn_dims *output_dims,
                                int8_t *output_data)
{
    (void)state_dims;
    (void)bias_dims;
    (void)output_dims;
    const int32_t *kernel_sums = ctx != NULL ? (const int32_t *)ctx->buf : NULL;
    return svdf(kernel_sums, input_ctx, output_ctx, svdf_params, input_quant_params, output_quant_params, input_dims,
                input_data, state_data, 0, weights_feature_dims, weights_feature_data, weights_time_dims,
                weights_time_data, bias_data, output_data);
}

arm_cmsis_nn_status arm_svdf_state_s16_s8(const cmsis_nn_context *input_ctx,
                                          const cmsis_nn_context *output_ctx,
                                          const cmsis_nn_svdf_params *svdf_params,
                                          const cmsis_nn_per_tensor_quant_params *input_quant_params,
                                          const cmsis_nn_per_tensor_quant_params *output_quant_params,
                                          const cmsis_nn_dims *input_dims,
                                          const int8_t *input_data,
                                          const cmsis_nn_dims *state_dims,
                                          int16_t *state_data,
                                          const cmsis_nn_dims *weights_feature_dims,
                                          const int8_t *weights_feature_data,
                                          const cmsis_nn_dims *weights_time_dims,
                                          const int16_t *weights_time_data,
                                          const cmsis_nn_dims *bias_dims,
                                          const int32_t *bias_data,
                                          const cmsis_nn_dims *output_dims,
                                          int8_t *output_data)
{
    (void)state_dims;
    (void)bias_dims;
    (void)output_dims;
    return svdf(NULL, input_ctx, output_ctx, svdf_params, input_quant_params, output_quant_params, input_dims,
                input_data, state_data, 1, weights_feature_dims, weights_feature_data, weights_time_dims,
                weights_time_data, bias_data, output_data);
}

int32_t arm_svdf_s8_get_buffer_size(const cmsis_nn_dims *filter_dims)
{
    /* The kernel sums: one int32 per filter. */
    return filter_dims->n * (int32_t)sizeof(int32_t);
}
