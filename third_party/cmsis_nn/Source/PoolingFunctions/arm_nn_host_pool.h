/*
 * tflm-host's CMSIS-NN: what the pooling kernels share. Every kernel walks the
 * output pixels the same way (arm_nn_host_pool_run) and reduces, per pixel, the
 * part of the filter window that lies inside the input; padding cells are
 * skipped, not counted (CMSIS-NN and TFLM agree on this).
 */
#ifndef ARM_NN_HOST_POOL_H
#define ARM_NN_HOST_POOL_H

#include "arm_nn_types.h"

/* One output pixel's window, clipped to the input: rows [y0, y1), columns [x0, x1). */
typedef struct
{
    const void *input; /* first element of the batch */
    int32_t in_w, channels;
    int32_t y0, y1, x0, x1;
    int32_t act_min, act_max;
} arm_nn_host_pool_window;

/* Reduces all channels of one window into out_pixel (output element type). */
typedef void (*arm_nn_host_pool_pixel_fn)(const arm_nn_host_pool_window *w, void *out_pixel);

/* Runs pixel() over every output pixel of every batch. */
arm_cmsis_nn_status arm_nn_host_pool_run(const cmsis_nn_pool_params *pool_params,
                                         const cmsis_nn_dims *input_dims,
                                         const void *input_data,
                                         int32_t element_size,
                                         const cmsis_nn_dims *filter_dims,
                                         const cmsis_nn_dims *output_dims,
                                         void *output_data,
                                         arm_nn_host_pool_pixel_fn pixel);

/* Rounded mean, ties away from zero (CMSIS-NN and TFLM reference alike). */
static inline int32_t arm_nn_host_rounded_mean(const int32_t sum, const int32_t count)
{
    return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

/* Portable reductions of channels [c_begin, channels): the SIMD paths use them for tails. */
#define ARM_NN_HOST_DEFINE_POOL_CHANNELS(suffix, type)                                                  \
    static inline void arm_nn_host_avgpool_channels_##suffix(                                          \
        const arm_nn_host_pool_window *w, int32_t c_begin, type *out)                                  \
    {                                                                                                  \
        const type *in = (const type *)w->input;                                                       \
        const int32_t count = (w->y1 - w->y0) * (w->x1 - w->x0);                                        \
        for (int32_t c = c_begin; c < w->channels; c++)                                                \
        {                                                                                              \
            int32_t sum = 0;                                                                           \
            for (int32_t y = w->y0; y < w->y1; y++)                                                    \
                for (int32_t x = w->x0; x < w->x1; x++)                                                \
                    sum += in[((int64_t)y * w->in_w + x) * w->channels + c];                           \
            const int32_t mean = arm_nn_host_rounded_mean(sum, count);                                 \
            out[c] = (type)(mean < w->act_min ? w->act_min : (mean > w->act_max ? w->act_max : mean)); \
        }                                                                                              \
    }                                                                                                  \
    static inline void arm_nn_host_maxpool_channels_##suffix(                                          \
        const arm_nn_host_pool_window *w, int32_t c_begin, type *out)                                  \
    {                                                                                                  \
        const type *in = (const type *)w->input;                                                       \
        for (int32_t c = c_begin; c < w->channels; c++)                                                \
        {                                                                                              \
            int32_t best = w->act_min; /* clamping below is max() with act_min */                      \
            for (int32_t y = w->y0; y < w->y1; y++)                                                    \
                for (int32_t x = w->x0; x < w->x1; x++)                                                \
                {                                                                                      \
                    const int32_t v = in[((int64_t)y * w->in_w + x) * w->channels + c];                 \
                    best = v > best ? v : best;                                                        \
                }                                                                                      \
            out[c] = (type)(best > w->act_max ? w->act_max : best);                                    \
        }                                                                                              \
    }

ARM_NN_HOST_DEFINE_POOL_CHANNELS(s8, int8_t)
ARM_NN_HOST_DEFINE_POOL_CHANNELS(s16, int16_t)

/* AVX2 versions of the reductions, all channels of one pixel (arm_pool_host_avx2.c). */
void arm_nn_host_avgpool_pixel_s8_avx2(const arm_nn_host_pool_window *w, void *out_pixel);
void arm_nn_host_maxpool_pixel_s8_avx2(const arm_nn_host_pool_window *w, void *out_pixel);
void arm_nn_host_avgpool_pixel_s16_avx2(const arm_nn_host_pool_window *w, void *out_pixel);
void arm_nn_host_maxpool_pixel_s16_avx2(const arm_nn_host_pool_window *w, void *out_pixel);

#endif /* ARM_NN_HOST_POOL_H */
