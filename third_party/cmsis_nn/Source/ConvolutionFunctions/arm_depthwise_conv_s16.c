/*
 * tflm-host's CMSIS-NN: arm_depthwise_conv_s16 and its wrapper, the 16x8 depthwise
 * convolution (int16 activations, int8 weights, int64 bias, per-channel requantization).
 *
 * Arithmetic as CMSIS-NN's and TFLM reference's DepthwiseConvPerChannel for int16, bit for
 * bit: zero points ignored (symmetric int16), products and bias summed in 64 bits,
 * requantized with the reduced 16-bit multiplier (arm_nn_requantize_s64). Batches are looped
 * here. Portable C; the scratch holds one output pixel's sums (all channels), so each tap
 * walks input and filter rows in order. CMSIS-NN's wrapper picks a faster kernel on MVE
 * targets; on the host there is one.
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

arm_cmsis_nn_status arm_depthwise_conv_s16(const cmsis_nn_context *ctx,
                                           const cmsis_nn_dw_conv_params *dw_conv_params,
                                           const cmsis_nn_per_channel_quant_params *quant_params,
                                           const cmsis_nn_dims *input_dims,
                                           const int16_t *input_data,
                                           const cmsis_nn_dims *filter_dims,
                                           const int8_t *filter_data,
                                           const cmsis_nn_dims *bias_dims,
                                           const int64_t *bias_data,
                                           const cmsis_nn_dims *output_dims,
                                           int16_t *output_data)
{
    (void)bias_dims;
    const cmsis_nn_dw_conv_params *p = dw_conv_params;
    const int32_t in_ch = input_dims->c;
    const int32_t ch_mult = p->ch_mult;
    const int32_t out_ch = output_dims->c;
    if (out_ch != in_ch * ch_mult || filter_dims->c != out_ch || ctx == NULL || ctx->buf == NULL ||
        ctx->size < (int32_t)(out_ch * sizeof(int64_t)))
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
    /* One output pixel's sums, all channels: the taps then walk input and filter rows in order. */
    int64_t *sums = (int64_t *)ctx->buf;

    for (int32_t b = 0; b < input_dims->n; ++b)
    {
        const int16_t *input = input_data + (int64_t)b * input_dims->h * input_dims->w * in_ch;
        for (int32_t oy = 0; oy < output_dims->h; ++oy)
        {
            const int32_t in_y0 = oy * p->stride.h - p->padding.h;
            for (int32_t ox = 0; ox < output_dims->w; ++ox)
            {
                const int32_t in_x0 = ox * p->stride.w - p->padding.w;
                for (int32_t oc = 0; oc < out_ch; ++oc)
                {
                    sums[oc] = bias_data != NULL ? bias_data[oc] : 0;
                }
                for (int32_t ky = 0; ky < filter_dims->h; ++ky)
                {
                    const int32_t in_y = in_y0 + ky * p->dilation.h;
                    if (in_y < 0 || in_y >= input_dims->h)
                    {
                        continue;
                    }
                    for (int32_t kx = 0; kx < filter_dims->w; ++kx)
                    {
                        const int32_t in_x = in_x0 + kx * p->dilation.w;
                        if (in_x < 0 || in_x >= input_dims->w)
                        {
                            continue;
                        }
                        const int16_t *in = input + ((int64_t)in_y * input_dims->w + in_x) * in_ch;
                        const int8_t *w = filter_data + ((int64_t)ky * filter_dims->w + kx) * out_ch;
                        if (ch_mult == 1)
                        {
                            for (int32_t c = 0; c < in_ch; ++c)
                            {
                                sums[c] += (int32_t)in[c] * (int32_t)w[c];
                            }
                        }
                        else
                        {
                            for (int32_t oc = 0; oc < out_ch; ++oc)
                            {
                                sums[oc] += (int32_t)in[oc / ch_mult] * (int32_t)w[oc];
                            }
                        }
                    }
                }
                /* The bias went in first: int64 addition is exact, so the order does not matter. */
                for (int32_t oc = 0; oc < out_ch; ++oc)
                {
                    const int32_t result = arm_nn_requantize_s64(
                        sums[oc], REDUCE_MULTIPLIER(quant_params->multiplier[oc]), quant_params->shift[oc]);
                    *output_data++ = (int16_t)arm_nn_clamp(result, p->activation.min, p->activation.max);
                }
            }
        }
    }
    return ARM_CMSIS_NN_SUCCESS;
}

arm_cmsis_nn_status arm_depthwise_conv_wrapper_s16(const cmsis_nn_context *ctx,
                                                   const cmsis_nn_dw_conv_params *dw_conv_params,
                                                   const cmsis_nn_per_channel_quant_params *quant_params,
                                                   const cmsis_nn_dims *input_dims,
                                                   const int16_t *input_data,
                                                   const cmsis_nn_dims *filter_dims,
                                                   const int8_t *filter_data,
                                                   const cmsis_nn_dims *bias_dims,
                                                   const int64_t *bias_data,
                                                   const cmsis_nn_dims *output_dims,
                                                   int16_t *output_data)
{
    return arm_depthwise_conv_s16(ctx, dw_conv_params, quant_params, input_dims, input_data, filter_dims, filter_data,
                                  bias_dims, bias_data, output_dims, output_data);
}

int32_t arm_depthwise_conv_wrapper_s16_get_buffer_size(const cmsis_nn_dw_conv_params *dw_conv_params,
                                                       const cmsis_nn_dims *input_dims,
                                                       const cmsis_nn_dims *filter_dims,
                                                       const cmsis_nn_dims *output_dims)
{
    (void)dw_conv_params;
    (void)input_dims;
    (void)filter_dims;
    return (int32_t)(output_dims->c * sizeof(int64_t));
}
