/*
 * tflm-host's CMSIS-NN: arm_softmax_s16. int16 input (zero point 0) to int16
 * output (scale 1/32768) through the caller's two 513-entry tables: exp on
 * [-10, 0] and 1 / (1 + x) on [0, 1], each read with linear interpolation.
 * The output row holds the exponentials until they are normalized.
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

/* Table value at x: 512 intervals of 128 steps over the int16 range. */
static inline int32_t lut_lookup(const int16_t *lut, const int32_t x)
{
    const int32_t index = 256 + (x >> 7);
    const int32_t offset = x & 0x7f;
    const int32_t base = lut[index];
    const int32_t slope = (int16_t)(lut[index + 1] - lut[index]);
    return (int16_t)(base + ((slope * offset + 64) >> 7));
}

arm_cmsis_nn_status arm_softmax_s16(const int16_t *input,
                                    const int32_t num_rows,
                                    const int32_t row_size,
                                    const int32_t mult,
                                    const int32_t shift,
                                    const cmsis_nn_softmax_lut_s16 *softmax_params,
                                    int16_t *output)
{
    if (softmax_params->exp_lut == NULL || softmax_params->one_by_one_lut == NULL)
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
    for (int32_t row = 0; row < num_rows; row++)
    {
        const int16_t *in = input + (int64_t)row * row_size;
        int16_t *out = output + (int64_t)row * row_size;
        int32_t max = NN_Q15_MIN;
        for (int32_t col = 0; col < row_size; col++)
        {
            max = in[col] > max ? in[col] : max;
        }

        int32_t sum = 0; /* Q16.15 */
        for (int32_t col = 0; col < row_size; col++)
        {
            /* Differences [-65535, 0] map onto the table's [-10, 0]; recentre onto int16. */
            const int32_t scaled = arm_nn_requantize(in[col] - max, mult, shift);
            const int32_t centred = arm_nn_clamp(scaled + NN_Q15_MAX, NN_Q15_MIN, NN_Q15_MAX);
            out[col] = (int16_t)lut_lookup(softmax_params->exp_lut, centred);
            sum += out[col];
        }

        /* 1 / sum: normalize into [1, 2) with 15 fraction bits, recentre x = sum - 1. */
        const int32_t headroom = __builtin_clz((uint32_t)sum);
        const int32_t shifted = (int32_t)((((int64_t)sum << (headroom - 1)) + (1 << 13)) >> 14);
        const int32_t x_centred = arm_nn_clamp(shifted - ((1 << 15) + (1 << 16)), NN_Q15_MIN, NN_Q15_MAX);
        const int32_t reciprocal = lut_lookup(softmax_params->one_by_one_lut, x_centred); /* Q0.15 */

        const int32_t right_shift = 31 - headroom;
        const int64_t round = (int64_t)1 << (right_shift - 1);
        for (int32_t col = 0; col < row_size; col++)
        {
            const int32_t result = (int32_t)(((int64_t)out[col] * reciprocal + round) >> right_shift);
            out[col] = (int16_t)arm_nn_clamp(result, 0, NN_Q15_MAX);
        }
    }
    return ARM_CMSIS_NN_SUCCESS;
}
