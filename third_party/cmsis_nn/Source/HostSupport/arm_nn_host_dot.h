/*
 * tflm-host's CMSIS-NN: the int8-weight dot products of the LSTM and SVDF
 * matmuls, portable and AVX2 (arm_nn_host_dot_avx2.c); results are exact
 * integers either way.
 */
#ifndef ARM_NN_HOST_DOT_H
#define ARM_NN_HOST_DOT_H

#include <stdint.h>

/* sum x[k] * w[k]; int8 activations wrap like the target's int32. */
typedef int32_t (*arm_nn_host_dot_s8_fn)(const int8_t *x, const int8_t *w, int32_t n);
/* int16 activations, exact in int64. */
typedef int64_t (*arm_nn_host_dot_s16_fn)(const int16_t *x, const int8_t *w, int32_t n);

static inline int32_t arm_nn_host_dot_s8(const int8_t *x, const int8_t *w, const int32_t n)
{
    uint32_t acc = 0;
    for (int32_t k = 0; k < n; k++)
    {
        acc += (uint32_t)(x[k] * w[k]);
    }
    return (int32_t)acc;
}

/* sum w[k], wrapping like the target's int32 (kernel sums). */
static inline int32_t arm_nn_host_dot_s8_sum(const int8_t *w, const int32_t n)
{
    uint32_t acc = 0;
    for (int32_t k = 0; k < n; k++)
    {
        acc += (uint32_t)(int32_t)w[k];
    }
    return (int32_t)acc;
}

static inline int64_t arm_nn_host_dot_s16(const int16_t *x, const int8_t *w, const int32_t n)
{
    int64_t acc = 0;
    for (int32_t k = 0; k < n; k++)
    {
        acc += (int32_t)x[k] * w[k];
    }
    return acc;
}

int32_t arm_nn_host_dot_s8_avx2(const int8_t *x, const int8_t *w, int32_t n);
int64_t arm_nn_host_dot_s16_avx2(const int16_t *x, const int8_t *w, int32_t n);

/* The int8 dot product of the ISA in use. */
arm_nn_host_dot_s8_fn arm_nn_host_dot_s8_for_isa(void);
/* The int16 x int8 dot product of the ISA in use. */
arm_nn_host_dot_s16_fn arm_nn_host_dot_s16_for_isa(void);

#endif /* ARM_NN_HOST_DOT_H */
