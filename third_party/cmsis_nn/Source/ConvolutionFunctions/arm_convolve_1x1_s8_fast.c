/*
 * arm_convolve_1x1_s8_fast (1x1, stride 1, no padding) and arm_convolve_1x1_s8
 * (1x1, any stride, no padding): every output pixel is one input pixel, so the
 * GEMM reads input rows in place and needs no scratch.
 */
#include "arm_nnfunctions.h"
#include "../HostSupport/arm_nn_host_internal.h"

/* Rows handed to one GEMM call. */
#define ROW_BLOCK 64

int32_t arm_convolve_1x1_s8_fast_get_buffer_size(const cmsis_nn_dims *input_dims)
{
    (void)input_dims;
    return 0;
}

static arm_cmsis_nn_status convolve_1x1(const cmsis_nn_conv_params *conv_params,
                                        const cmsis_nn_per_channel_quant_params *quant_params,
                                        const cmsis_nn_dims *input_dims,
                                        const int8_t *input_data,
                                        const cmsis_nn_dims *filter_dims,
                                        const int8_t *filter_data,
                                        const int32_t *bias_data,
                                        const cmsis_nn_dims *output_dims,
                                        int8_t *output_data)
{
    const int32_t in_c = input_dims->c;
    const int32_t out_c = output_dims->c;
    /* Like CMSIS-NN, the filter shape is not read: TFLM's fully connected glue passes
     * [depth, 1, 1, out_c] here. */
    (void)filter_dims;
    if (conv_params->padding.w != 0 || conv_params->padding.h != 0)
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
    const arm_nn_host_gemm_params gp = {
        .rows = out_c,
        .cols = in_c,
        .filter = filter_data,
        .row_stride = in_c,
        .col_stride = 1,
        .bias = bias_data,
        .multiplier = quant_params->multiplier,
        .shift = quant_params->shift,
        .per_channel = 1,
        .input_offset = conv_params->input_offset,
        .output_offset = conv_params->output_offset,
        .act_min = conv_params->activation.min,
        .act_max = conv_params->activation.max,
        .packed = arm_nn_host_take_packed_filter(filter_data, out_c, in_c, in_c, 1, bias_data, conv_params->input_offset),
    };
    const int32_t out_w = output_dims->w;
    const int32_t pixels = input_dims->n * output_dims->h * out_w;
    const int8_t *rows[ROW_BLOCK];
    for (int32_t pixel = 0; pixel < pixels; pixel += ROW_BLOCK)
    {
        const int32_t count = pixels - pixel < ROW_BLOCK ? pixels - pixel : ROW_BLOCK;
        for (int32_t i = 0; i < count; i++)
        {
            const int32_t index = pixel + i;
            const int32_t ox = index % out_w;
            const int32_t oy = (index / out_w) % output_dims->h;
            const int32_t b = index / (out_w * output_dims->h);
            const int64_t in_pixel =
                ((int64_t)b * input_dims->h + (int64_t)oy * conv_params->stride.h) * input_dims->w +
                (int64_t)ox * conv_params->stride.w;
            rows[i] = input_data + in_pixel * in_c;
        }
        arm_nn_host_gemm_s8(&gp, rows, count, output_data + (int64_t)pixel * out_c, out_c);
    }
    return ARM_CMSIS_NN_SUCCESS;
}

arm_cmsis_nn_status arm_convolve_1x1_s8_fast(const cmsis_nn_context *ctx,
                                             const cmsis_nn_conv_params *conv_params,
                                             const cmsis_nn_per_channel_quant_params *quant_params,
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
    if (conv_params->stride.w != 1 || conv_params->stride.h != 1)
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
    return convolve_1x1(conv_params, quant_params, input_dims, input_data, filter_dims, filter_data, bias_data,
                        output_dims, output_data);
}

arm_cmsis_nn_status arm_convolve_1x1_s8(const cmsis_nn_context *ctx,
                                        const cmsis_nn_conv_params *conv_params,
                                        const cmsis_nn_per_channel_quant_params *quant_params,
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
    return convolve_1x1(conv_params, quant_params, input_dims, input_data, filter_dims, filter_data, bias_data,
                        output_dims, output_data);
}
