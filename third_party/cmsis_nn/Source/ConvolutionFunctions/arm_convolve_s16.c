/*
 * tflm-host's CMSIS-NN: arm_convolve_s16, the 16x8 convolution (int16 activations, int8
 * weights, int32 or int64 bias, per-channel requantization).
 *
 * Arithmetic of TFLM's reference kernel, which the oracle runs: zero points are ignored
 * (16x8 activations are symmetric), the products are summed in 64 bits and the bias added
 * last. An int64 bias, or none, is requantized with the reduced 16-bit multiplier
 * (arm_nn_requantize_s64); an int32 bias with the 32-bit arm_nn_requantize on the int32 sum:
 * the reference's two accumulator paths (ConvPerChannel<int64_t> / <int32_t>).
 * Where CMSIS-NN differs we follow the reference: CMSIS-NN sums a row in int32 before adding
 * the int64 bias (differs only if that sum overflows), and without a bias requantizes the
 * int32 sum with the 32-bit multiplier where the reference takes its int64 path.
 *
 * As CMSIS-NN: each output pixel's window is copied into the scratch (im2col, zeros for the
 * padding), then dotted with every filter row by the int16 x int8 dot product of the ISA in
 * use (portable or AVX2, both exact in int64).
 */
#include <string.h>

#include "../HostSupport/arm_nn_host_dot.h"
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

int32_t arm_convolve_s16_get_buffer_size(const cmsis_nn_dims *input_dims, const cmsis_nn_dims *filter_dims)
{
    return (int32_t)(input_dims->c * filter_dims->h * filter_dims->w * (int32_t)sizeof(int16_t));
}

/* One output pixel's receptive field as a row of filter_dims->h * w * c values. */
static void conv_s16_im2col(const int16_t *input,
                            const cmsis_nn_dims *input_dims,
                            const cmsis_nn_dims *filter_dims,
                            const cmsis_nn_conv_params *p,
                            int32_t in_y0,
                            int32_t in_x0,
                            int16_t *column)
{
    const int32_t channels = input_dims->c;
    for (int32_t ky = 0; ky < filter_dims->h; ++ky)
    {
        const int32_t in_y = in_y0 + ky * p->dilation.h;
        for (int32_t kx = 0; kx < filter_dims->w; ++kx)
        {
            const int32_t in_x = in_x0 + kx * p->dilation.w;
            if (in_y >= 0 && in_y < input_dims->h && in_x >= 0 && in_x < input_dims->w)
            {
                memcpy(column, input + ((int64_t)in_y * input_dims->w + in_x) * channels,
                       (size_t)channels * sizeof(int16_t));
            }
            else
            {
                memset(column, 0, (size_t)channels * sizeof(int16_t));
            }
            column += channels;
        }
    }
}

arm_cmsis_nn_status arm_convolve_s16(const cmsis_nn_context *ctx,
                                     const cmsis_nn_conv_params *conv_params,
                                     const cmsis_nn_per_channel_quant_params *quant_params,
                                     const cmsis_nn_dims *input_dims,
                                     const int16_t *input_data,
                                     const cmsis_nn_dims *filter_dims,
                                     const int8_t *filter_data,
                                     const cmsis_nn_dims *bias_dims,
                                     const cmsis_nn_bias_data *bias_data,
                                     const cmsis_nn_dims *output_dims,
                                     int16_t *output_data)
{
    (void)bias_dims;
    /* Grouped convolutions are not supported by the 16x8 kernel. */
    if (filter_dims->c != input_dims->c || ctx == NULL || ctx->buf == NULL ||
        ctx->size < arm_convolve_s16_get_buffer_size(input_dims, filter_dims))
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
    int16_t *column = (int16_t *)ctx->buf;
    const arm_nn_host_dot_s16_fn dot = arm_nn_host_dot_s16_for_isa();
    const int32_t out_ch = output_dims->c;
    const int32_t filter_size = filter_dims->h * filter_dims->w * filter_dims->c;
    const int64_t *bias_s64 = NULL;
    const int32_t *bias_s32 = NULL;
    if (bias_data != NULL && bias_data->data != NULL)
    {
        if (bias_data->is_int32_bias)
        {
            bias_s32 = (const int32_t *)bias_data->data;
        }
        else
        {
            bias_s64 = (const int64_t *)bias_data->data;
        }
    }
    const int32_t is_int32_bias = bias_data != NULL && bias_data->is_int32_bias;
    const int32_t act_min = conv_params->activation.min;
    const int32_t act_max = conv_params->activation.max;

    for (int32_t b = 0; b < input_dims->n; ++b)
    {
        const int16_t *input = input_data + (int64_t)b * input_dims->h * input_dims->w * input_dims->c;
        for (int32_t oy = 0; oy < output_dims->h; ++oy)
        {
            const int32_t in_y0 = oy * conv_params->stride.h - conv_params->padding.h;
            for (int32_t ox = 0; ox < output_dims->w; ++ox)
            {
                const int32_t in_x0 = ox * conv_params->stride.w - conv_params->padding.w;
                conv_s16_im2col(input, input_dims, filter_dims, conv_params, in_y0, in_x0, column);
                for (int32_t oc = 0; oc < out_ch; ++oc)
                {
                    int64_t sum = dot(column, filter_data + (int64_t)oc * filter_size, filter_size);
                    int32_t result;
                    if (is_int32_bias)
                    {
                        /* TFLM's int32 path: the sum wraps as an int32 would. */
                        int32_t sum32 = (int32_t)(uint32_t)(uint64_t)sum;
                        if (bias_s32 != NULL)
                        {
                            sum32 = (int32_t)((uint32_t)sum32 + (uint32_t)bias_s32[oc]);
                        }
                        result = arm_nn_requantize(sum32, quant_params->multiplier[oc], quant_params->shift[oc]);
                    }
                    else
                    {
                        if (bias_s64 != NULL)
                        {
                            sum += bias_s64[oc];
                        }
                        result = arm_nn_requantize_s64(
                            sum, REDUCE_MULTIPLIER(quant_params->multiplier[oc]), quant_params->shift[oc]);
                    }
                    *output_data++ = (int16_t)arm_nn_clamp(result, act_min, act_max);
                }
            }
        }
    }
    return ARM_CMSIS_NN_SUCCESS;
}
