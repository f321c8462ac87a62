/*
 * Depthwise convolution entry points, all on the depthwise engine (portable
 * or SIMD). All compute sum((x + input_offset) * w) over the taps inside the
 * input, + bias, arm_nn_requantize, + output offset, clamp - CMSIS-NN's
 * arithmetic.
 */
#include "arm_nnfunctions.h"
#include "../HostSupport/arm_nn_host_internal.h"

static void fill_engine_params(const cmsis_nn_dw_conv_params *dp,
                               const cmsis_nn_per_channel_quant_params *quant_params,
                               const cmsis_nn_dims *input_dims,
                               const cmsis_nn_dims *filter_dims,
                               const int32_t *bias_data,
                               const cmsis_nn_dims *output_dims,
                               arm_nn_host_dw_params *p)
{
    p->in_h = input_dims->h;
    p->in_w = input_dims->w;
    p->in_channels = input_dims->c;
    p->channels = output_dims->c;
    p->ch_mult = dp->ch_mult;
    p->kernel_h = filter_dims->h;
    p->kernel_w = filter_dims->w;
    p->out_h = output_dims->h;
    p->out_w = output_dims->w;
    p->stride_h = dp->stride.h;
    p->stride_w = dp->stride.w;
    p->pad_h = dp->padding.h;
    p->pad_w = dp->padding.w;
    p->dilation_h = dp->dilation.h > 0 ? dp->dilation.h : 1;
    p->dilation_w = dp->dilation.w > 0 ? dp->dilation.w : 1;
    p->input_offset = dp->input_offset;
    p->output_offset = dp->output_offset;
    p->act_min = dp->activation.min;
    p->act_max = dp->activation.max;
    p->multiplier = quant_params->multiplier;
    p->shift = quant_params->shift;
    p->bias = bias_data;
}

/* Every batch through the depthwise engine. */
static void depthwise_all_batches(const cmsis_nn_dw_conv_params *dp,
                                const cmsis_nn_per_channel_quant_params *quant_params,
                                const cmsis_nn_dims *input_dims,
                                const int8_t *input_data,
                                const cmsis_nn_dims *filter_dims,
                                const int8_t *filter_data,
                                const int32_t *bias_data,
                                const cmsis_nn_dims *output_dims,
                                int8_t *output_data)
{
    arm_nn_host_dw_params p;
    fill_engine_params(dp, quant_params, input_dims, filter_dims, bias_data, output_dims, &p);
    const int64_t in_batch = (int64_t)input_dims->h * input_dims->w * input_dims->c;
    const int64_t out_batch = (int64_t)output_dims->h * output_dims->w * output_dims->c;
    for (int32_t b = 0; b < input_dims->n; b++)
    {
        arm_nn_host_depthwise_s8(&p, input_data + b * in_batch, filter_data, output_data + b * out_batch);
    }
}

/* One input channel: a convolution with out_c filters of kh x kw x 1, the depthwise filter
 * [1, kh, kw, out_c] read transposed - im2col + GEMM when ctx has room for the im2col rows
 * and the depthwise engine in use has no faster kernel for it. */
static int single_channel_as_conv(const cmsis_nn_context *ctx,
                                  const cmsis_nn_dw_conv_params *dp,
                                  const cmsis_nn_per_channel_quant_params *quant_params,
                                  const cmsis_nn_dims *input_dims,
                                  const cmsis_nn_dims *filter_dims,
                                  const cmsis_nn_dims *output_dims,
                                  cmsis_nn_dims *conv_filter_dims)
{
    *conv_filter_dims = (cmsis_nn_dims){dp->ch_mult, filter_dims->h, filter_dims->w, 1};
    if (input_dims->c != 1 || dp->ch_mult <= 1 || ctx == NULL || ctx->buf == NULL ||
        ctx->size < arm_convolve_s8_get_buffer_size(input_dims, conv_filter_dims))
    {
        return 0;
    }
    arm_nn_host_dw_params p;
    fill_engine_params(dp, quant_params, input_dims, filter_dims, NULL, output_dims, &p);
    return !arm_nn_host_depthwise_single_channel_in_engine(&p);
}

arm_cmsis_nn_status arm_depthwise_conv_s8(const cmsis_nn_context *ctx,
                                          const cmsis_nn_dw_conv_params *dw_conv_params,
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
    if (dw_conv_params->ch_mult <= 0 || output_dims->c != input_dims->c * dw_conv_params->ch_mult)
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
    cmsis_nn_dims conv_filter_dims;
    if (single_channel_as_conv(ctx, dw_conv_params, quant_params, input_dims, filter_dims, output_dims,
                               &conv_filter_dims))
    {
        const cmsis_nn_conv_params conv_params = {dw_conv_params->input_offset, dw_conv_params->output_offset,
                                                  dw_conv_params->stride,       dw_conv_params->padding,
                                                  dw_conv_params->dilation,     dw_conv_params->activation};
        return arm_nn_host_convolve_im2col(ctx, &conv_params, quant_params, input_dims, input_data,
                                           &conv_filter_dims, filter_data, 1, output_dims->c, bias_data,
                                           output_dims, output_data);
    }
    depthwise_all_batches(dw_conv_params, quant_params, input_dims, input_data, filter_dims, filter_data, bias_data,
                          output_dims, output_data);
    return ARM_CMSIS_NN_SUCCESS;
}

int32_t arm_depthwise_conv_s8_opt_get_buffer_size(const cmsis_nn_dims *input_dims, const cmsis_nn_dims *filter_dims)
{
    (void)input_dims;
    (void)filter_dims;
    return 0;
}

arm_cmsis_nn_status arm_depthwise_conv_s8_opt(const cmsis_nn_context *ctx,
                                              const cmsis_nn_dw_conv_params *dw_conv_params,
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
    if (input_dims->c != output_dims->c || dw_conv_params->ch_mult != 1)
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
    depthwise_all_batches(dw_conv_params, quant_params, input_dims, input_data, filter_dims, filter_data, bias_data,
                        output_dims, output_data);
    return ARM_CMSIS_NN_SUCCESS;
}

arm_cmsis_nn_status arm_depthwise_conv_3x3_s8(const cmsis_nn_context *ctx,
                                              const cmsis_nn_dw_conv_params *dw_conv_params,
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
    if (input_dims->c != output_dims->c || filter_dims->w != 3 || filter_dims->h != 3 ||
        dw_conv_params->padding.w > 1 || dw_conv_params->ch_mult != 1 || dw_conv_params->dilation.w > 1 ||
        dw_conv_params->dilation.h > 1)
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
    depthwise_all_batches(dw_conv_params, quant_params, input_dims, input_data, filter_dims, filter_data, bias_data,
                        output_dims, output_data);
    return ARM_CMSIS_NN_SUCCESS;
}

int32_t arm_depthwise_conv_wrapper_s8_get_buffer_size(const cmsis_nn_dw_conv_params *dw_conv_params,
                                                      const cmsis_nn_dims *input_dims,
                                                      const cmsis_nn_dims *filter_dims,
                                                      const cmsis_nn_dims *output_dims)
{
    (void)output_dims;
    if (input_dims->c == 1 && dw_conv_params->ch_mult > 1)
    {
        /* im2col rows for the single-channel case (see arm_depthwise_conv_s8) */
        const cmsis_nn_dims conv_filter_dims = {dw_conv_params->ch_mult, filter_dims->h, filter_dims->w, 1};
        return arm_convolve_s8_get_buffer_size(input_dims, &conv_filter_dims);
    }
    return arm_depthwise_conv_s8_opt_get_buffer_size(input_dims, filter_dims);
}

arm_cmsis_nn_status arm_depthwise_conv_wrapper_s8(const cmsis_nn_context *ctx,
                                                  const cmsis_nn_dw_conv_params *dw_conv_params,
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
    if (dw_conv_params->ch_mult == 1 && input_dims->n == 1 && dw_conv_params->dilation.w == 1 &&
        dw_conv_params->dilation.h == 1)
    {
        if (filter_dims->w == 3 && filter_dims->h == 3 && dw_conv_params->padding.h <= 1 &&
            dw_conv_params->padding.w <= 1)
        {
            return arm_depthwise_conv_3x3_s8(ctx, dw_conv_params, quant_params, input_dims, input_data, filter_dims,
                                             filter_data, bias_dims, bias_data, output_dims, output_data);
        }
        return arm_depthwise_conv_s8_opt(ctx, dw_conv_params, quant_params, input_dims, input_data, filter_dims,
                                         filter_data, bias_dims, bias_data, output_dims, output_data);
    }
    return arm_depthwise_conv_s8(ctx, dw_conv_params, quant_params, input_dims, input_data, filter_dims, filter_data,
                                 bias_dims, bias_data, output_dims, output_data);
}
