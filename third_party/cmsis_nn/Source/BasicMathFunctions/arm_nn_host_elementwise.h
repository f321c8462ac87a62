/*
 * tflm-host's CMSIS-NN: the per-element arithmetic of the elementwise kernels,
 * shared by the portable loops and the tails of the AVX2 ones.
 */
#ifndef ARM_NN_HOST_ELEMENTWISE_H
#define ARM_NN_HOST_ELEMENTWISE_H

#include "arm_nnsupportfunctions.h"

typedef struct
{
    int32_t input_1_offset, input_1_mult, input_1_shift;
    int32_t input_2_offset, input_2_mult, input_2_shift;
    int32_t left_shift;
    int32_t out_offset, out_mult, out_shift;
    int32_t act_min, act_max;
} arm_nn_host_add_params;

typedef struct
{
    int32_t input_1_offset, input_2_offset;
    int32_t out_offset, out_mult, out_shift;
    int32_t act_min, act_max;
} arm_nn_host_mul_params;

/* Both inputs brought to a common scale with left_shift bits of headroom, summed,
 * requantized to the output (TFLM's reference integer add does the same). */
static inline int32_t arm_nn_host_add_element(const int32_t a, const int32_t b, const arm_nn_host_add_params *p)
{
    const int32_t x = arm_nn_requantize(
        (int32_t)((uint32_t)(a + p->input_1_offset) << p->left_shift), p->input_1_mult, p->input_1_shift);
    const int32_t y = arm_nn_requantize(
        (int32_t)((uint32_t)(b + p->input_2_offset) << p->left_shift), p->input_2_mult, p->input_2_shift);
    const int32_t sum = arm_nn_requantize(x + y, p->out_mult, p->out_shift) + p->out_offset;
    return arm_nn_clamp(sum, p->act_min, p->act_max);
}

static inline int32_t arm_nn_host_mul_element(const int32_t a, const int32_t b, const arm_nn_host_mul_params *p)
{
    /* The product wraps like int32 arithmetic on the target. */
    const int32_t product = (int32_t)((uint32_t)(a + p->input_1_offset) * (uint32_t)(b + p->input_2_offset));
    return arm_nn_clamp(arm_nn_requantize(product, p->out_mult, p->out_shift) + p->out_offset, p->act_min, p->act_max);
}

/* AVX2 loops over whole vectors (arm_elementwise_host_avx2.c); they finish the tail themselves. */
void arm_nn_host_add_s8_avx2(const int8_t *in1, const int8_t *in2, int8_t *out, int32_t size, const arm_nn_host_add_params *p);
void arm_nn_host_add_s16_avx2(const int16_t *in1, const int16_t *in2, int16_t *out, int32_t size, const arm_nn_host_add_params *p);
void arm_nn_host_mul_s8_avx2(const int8_t *in1, const int8_t *in2, int8_t *out, int32_t size, const arm_nn_host_mul_params *p);
void arm_nn_host_mul_s16_avx2(const int16_t *in1, const int16_t *in2, int16_t *out, int32_t size, const arm_nn_host_mul_params *p);

#endif /* ARM_NN_HOST_ELEMENTWISE_H */
