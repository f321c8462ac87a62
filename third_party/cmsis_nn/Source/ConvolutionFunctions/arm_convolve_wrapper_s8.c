/*
 * arm_convolve_wrapper_s8: picks the kernel as CMSIS-NN's wrapper does (all of
 * them give identical results; the choice only decides speed and scratch).
 */
#include "arm_nnfunctions.h"

static int is_1x1(const cmsis_nn_conv_params *cp, const cmsis_nn_dims *input_dims, const cmsis_nn_dims *filter_dims)
{
    return cp->padding.w == 0 && cp->padding.h == 0 && filter_dims->w == 1 && filter_dims->h == 1 &&
        cp->dilation.w == 1 && cp->dilation.h == 1 && filter_dims->c == input_dims->c;
}

static int is_1_x_n(const cmsis_nn_conv_params *cp,
                    const cmsis_nn_dims *input_dims,
                    const cmsis_nn_dims *filter_dims,
                    const cmsis_nn_dims *output_dims)
{
    return input_dims->n == 1 && input_dims->h == 1 && filter_dims->h == 1 && output_dims->h == 1 &&
        output_dims->w % 4 == 0 && cp->dilation.w == 1 && filter_dims->c == input_dims->c;
}

int32_t arm_convolve_wrapper_s8_get_buffer_size(const cmsis_nn_conv_params *conv_params,
                                                const cmsis_nn_dims *input_dims,
                                                const cmsis_nn_dims *filter_dims,
                                                const cmsis_nn_dims *output_dims)
{
    if (is_1x1(conv_params, input_dims, filter_dims))
    {
        return arm_convolve_1x1_s8_fast_get_buffer_size(input_dims);
    }
    if (is_1_x_n(conv_params, input_dims, filter_dims, output_dims))
    {
        return arm_convolve_1_x_n_s8_get_buffer_size(conv_params, input_dims, filter_dims, output_dims);
    }
    return arm_convolve_s8_get_buffer_size(input_dims, filter_dims);
}

arm_cmsis_nn_status arm_convolve_wrapper_s8(const cmsis_nn_context *ctx,
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
    if (is_1x1(conv_params, input_dims, filter_dims))
    {
        if (conv_params->stride.w == 1 && conv_params->stride.h == 1)
        {
            return arm_convolve_1x1_s8_fast(ctx, conv_params, quant_params, input_dims, input_data, filter_dims,
                                            filter_data, bias_dims, bias_data, output_dims, output_data);
        }
        return arm_convolve_1x1_s8(ctx, conv_params, quant_params, input_dims, input_data, filter_dims, filter_data,
                                   bias_dims, bias_data, output_dims, output_data);
    }
    if (is_1_x_n(conv_params, input_dims, filter_dims, output_dims))
    {
        return arm_convolve_1_x_n_s8(ctx, conv_params, quant_params, input_dims, input_data, filter_dims,
                                     filter_data, bias_dims, bias_data, output_dims, output_data);
    }
    return arm_convolve_s8(ctx, conv_params, quant_params, input_dims, input_data, filter_dims, filter_data,
                           bias_dims, bias_data, output_dims, output_data);
}
