/*
 * tflm-host's CMSIS-NN: arm_softmax_s8 (int8 -> int8) and arm_softmax_s8_s16
 * (int8 -> int16), one row of row_size values at a time:
 *   diff = x - max(row); e = exp(diff * beta * scale) in Q0.31 when
 *   diff >= diff_min (else 0); out = e / sum(e) in output steps.
 * mult/shift scale diff to Q5.26, the sum is kept in Q12.19.
 *
 * Speed-up of our own, same bits: an int8 row has at most 256 distinct
 * differences, so for large inputs exp is tabulated once per call.
 */
#include "../HostSupport/arm_nn_host_fixed_point.h"
#include "arm_nnfunctions.h"

#define DIFF_INTEGER_BITS 5
#define ACCUM_BITS 12
#define EXP_TABLE_MIN_ELEMENTS 512 /* below this, computing exp per element is cheaper */

static inline int32_t scaled_exp(const int32_t diff, const int32_t mult, const int32_t shift)
{
    const int32_t scaled = arm_nn_host_fp_mul((int32_t)((uint32_t)diff << shift), mult);
    return arm_nn_host_fp_exp_on_negative(scaled, DIFF_INTEGER_BITS);
}

/* out_bits: 8 or 16; the output is offset by its minimum (zero point -2^(bits-1)). */
static void softmax_s8_rows(const int8_t *input,
                            const int32_t num_rows,
                            const int32_t row_size,
                            const int32_t mult,
                            const int32_t shift,
                            const int32_t diff_min,
                            const int32_t out_bits,
                            void *output)
{
    const int32_t out_min = -(1 << (out_bits - 1));
    const int32_t out_max = (1 << (out_bits - 1)) - 1;
    /* exp_of[-diff] for diff in [-255, 0]; 0 below diff_min. */
    int32_t exp_of[256];
    const int use_table = (int64_t)num_rows * row_size >= EXP_TABLE_MIN_ELEMENTS;
    if (use_table)
    {
        for (int32_t d = 0; d < 256; d++)
        {
            exp_of[d] = -d >= diff_min ? scaled_exp(-d, mult, shift) : 0;
        }
    }

    for (int32_t row = 0; row < num_rows; row++)
    {
        const int8_t *in = input + (int64_t)row * row_size;
        int32_t max = NN_Q7_MIN;
        for (int32_t col = 0; col < row_size; col++)
        {
            max = in[col] > max ? in[col] : max;
        }

        int32_t sum = 0; /* Q12.19; cannot saturate for rows shorter than 4096 */
        for (int32_t col = 0; col < row_size; col++)
        {
            const int32_t diff = in[col] - max;
            if (diff >= diff_min)
            {
                const int32_t e = use_table ? exp_of[-diff] : scaled_exp(diff, mult, shift);
                sum = arm_nn_host_fp_add(sum, arm_nn_divide_by_power_of_two(e, ACCUM_BITS));
            }
        }

        /* 1 / sum: normalize the sum into [1, 2), reciprocal of 1 + x. */
        const int32_t headroom = sum > 0 ? __builtin_clz((uint32_t)sum) : 32;
        const uint32_t normalized = headroom < 32 ? (uint32_t)sum << headroom : 0u;
        const int32_t scale = arm_nn_host_fp_one_over_one_plus((int32_t)(normalized - (1u << 31)));
        /* Bits of the sum over one, plus the Q0.31 -> output-step shift. */
        const int32_t exponent = ACCUM_BITS - headroom + 31 - out_bits;

        for (int32_t col = 0; col < row_size; col++)
        {
            const int32_t diff = in[col] - max;
            int32_t value = out_min;
            if (diff >= diff_min)
            {
                const int32_t e = use_table ? exp_of[-diff] : scaled_exp(diff, mult, shift);
                value = arm_nn_divide_by_power_of_two(arm_nn_host_fp_mul(scale, e), exponent) + out_min;
                value = arm_nn_clamp(value, out_min, out_max);
            }
            if (out_bits == 8)
            {
                ((int8_t *)output)[(int64_t)row * row_size + col] = (int8_t)value;
            }
            else
            {
                ((int16_t *)output)[(int64_t)row * row_size + col] = (int16_t)value;
            }
        }
    }
}

void arm_softmax_s8(const int8_t *input,
                    const int32_t num_rows,
                    const int32_t row_size,
                    const int32_t mult,
                    const int32_t shift,
                    const int32_t diff_min,
                    int8_t *output)
{
    softmax_s8_rows(input, num_rows, row_size, mult, shift, diff_min, 8, output);
}

void arm_softmax_s8_s16(const int8_t *input,
                        const int32_t num_rows,
                        const int32_t row_size,
                        const int32_t mult,
                        const int32_t shift,
                        const int32_t diff_min,
                        int16_t *output)
{
    softmax_s8_rows(input, num_rows, row_size, mult, shift, diff_min, 16, output);
}
