/*
 * tflm-host's CMSIS-NN: arm_fully_connected_s16 (int16 input, int8 weights [output][accum],
 * int64 bias, per-tensor requantization). Like CMSIS-NN it ignores every offset, so the
 * caller uses it only with zero points 0 (TFLM's int16 FULLY_CONNECTED applies them).
 * Products summed in 64 bits (TFLM reference's int64 accumulator; CMSIS-NN's s16 matrix
 * kernel sums rows in 32 bits, the same unless a row sum overflows), bias added last,
 * requantized with the reduced multiplier (arm_nn_requantize_s64). Rows are summed by the
 * int16 x int8 dot product of the ISA in use (portable or AVX2, exact in int64). No scratch.
 */
#include "../HostSupport/arm_nn_host_dot.h"
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

int32_t arm_fully_connected_s16_get_buffer_size(const cmsis_nn_dims *filter_dims)
{
    (void)filter_dims;
    return 0;
}

arm_cmsis_nn_status arm_fully_connected_s16(const cmsis_nn_context *ctx,
                                            const cmsis_nn_fc_params *fc_params,
                                            const cmsis_nn_per_tensor_quant_params *quant_params,
                                            const cmsis_nn_dims *input_dims,
                                            const int16_t *input_data,
                                            const cmsis_nn_dims *filter_dims,
                                            const int8_t *filter_data,
                                            const cmsis_nn_dims *bias_dims,
                                            const int64_t *bias_data,
                                            const cmsis_nn_dims *output_dims,
                                            int16_t *output_data)
{
    (void)ctx;
    (void)bias_dims;
    const int32_t accum_depth = filter_dims->n;
    const int32_t output_depth = output_dims->c;
    const int32_t reduced_multiplier = REDUCE_MULTIPLIER(quant_params->multiplier);
    const arm_nn_host_dot_s16_fn dot = arm_nn_host_dot_s16_for_isa();
    for (int32_t b = 0; b < input_dims->n; ++b)
    {
        const int16_t *in = input_data + (int64_t)b * accum_depth;
        for (int32_t n = 0; n < output_depth; ++n)
        {
            const int8_t *w = filter_data + (int64_t)n * accum_depth;
            int64_t sum = dot(in, w, accum_depth);
            if (bias_data != NULL)
            {
                sum += bias_data[n];
            }
            const int32_t result = arm_nn_requantize_s64(sum, reduced_multiplier, quant_params->shift);
            *output_data++ =
                (int16_t)arm_nn_clamp(result, fc_params->activation.min, fc_params->activation.max);
        }
    }
    return ARM_CMSIS_NN_SUCCESS;
}
