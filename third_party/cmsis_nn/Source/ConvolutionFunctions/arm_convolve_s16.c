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
 * Portable C, direct loops: no im2col, so no scratch buffer is needed.
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

int32_t arm_convolve_s16_get_buffer_size(const cmsis_nn_dims *input_dims, const cmsis_nn_dims *filter_dims)
{
    (void)input_dims;
    (void)filter_dims;
    return 0;
}

/* Sum over one output pixel's receptive field for one output channel; taps in the padding add nothing. */
static int64_t conv_s16_window_sum(const int16_t *input,
                                   const cmsis_nn_dims *input_dims,
                                   const int8_t *filter_row,
                                   const cmsis_nn_dims *filter_dims,
                                   const cmsis_nn_conv_params *p,
                                   int32_t in_y0,
                                   int32_t in_x0)
{
    const int32_t channels = input_dims->c;
    int64_t sum = 0;
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
            const int16_t *in = input + ((int64_t)in_y * input_dims->w + in_x) * channels;
            const int8_t *w = filter_row + ((int64_t)ky * filter_dims->w + kx) * channels;
            /* |int16 * int8| < 2^22: an int32 partial sum is safe for up to 512 channels. */
            int32_t c = 0;
            while (c < channels)
            {
                const int32_t end = (channels - c > 512) ? c + 512 : channels;
                int32_t partial = 0;
                for (; c < end; ++c)
                {
                    partial += (int32_t)in[c] * (int32_t)w[c];
                }
                sum += partial;
            }
        }
    }
    return sum;
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
    (void)ctx;
    (void)bias_dims;
    /* Grouped convolutions are not supported by the 16x8 kernel. */
    if (filter_dims->c != input_dims->c)
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
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
                for (int32_t oc = 0; oc < out_ch; ++oc)
                {
                    int64_t sum = conv_s16_window_sum(
                        input, input_dims, filter_data + (int64_t)oc * filter_size, filter_dims, conv_params, in_y0, in_x0);
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
