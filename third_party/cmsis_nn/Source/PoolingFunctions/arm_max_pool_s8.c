/*
 * tflm-host's CMSIS-NN: arm_max_pool_s8 and arm_max_pool_s16. The largest
 * in-input value of each window, clamped to the activation range.
 */
#include "arm_nn_host_isa.h"
#include "arm_nn_host_pool.h"
#include "arm_nnfunctions.h"

static void maxpool_pixel_s8(const arm_nn_host_pool_window *w, void *out_pixel)
{
    arm_nn_host_maxpool_channels_s8(w, 0, (int8_t *)out_pixel);
}

static void maxpool_pixel_s16(const arm_nn_host_pool_window *w, void *out_pixel)
{
    arm_nn_host_maxpool_channels_s16(w, 0, (int16_t *)out_pixel);
}

arm_cmsis_nn_status arm_max_pool_s8(const cmsis_nn_context *ctx,
                                    const cmsis_nn_pool_params *pool_params,
                                    const cmsis_nn_dims *input_dims,
                                    const int8_t *input_data,
                                    const cmsis_nn_dims *filter_dims,
                                    const cmsis_nn_dims *output_dims,
                                    int8_t *output_data)
{
    (void)ctx;
    arm_nn_host_pool_pixel_fn pixel = maxpool_pixel_s8;
#if defined(__x86_64__)
    if (arm_nn_host_isa_get() >= ARM_NN_HOST_ISA_AVX2)
    {
        pixel = arm_nn_host_maxpool_pixel_s8_avx2;
    }
#endif
    return arm_nn_host_pool_run(pool_params, input_dims, input_data, 1, filter_dims, output_dims, output_data, pixel);
}

arm_cmsis_nn_status arm_max_pool_s16(const cmsis_nn_context *ctx,
                                     const cmsis_nn_pool_params *pool_params,
                                     const cmsis_nn_dims *input_dims,
                                     const int16_t *src,
                                     const cmsis_nn_dims *filter_dims,
                                     const cmsis_nn_dims *output_dims,
                                     int16_t *dst)
{
    (void)ctx;
    arm_nn_host_pool_pixel_fn pixel = maxpool_pixel_s16;
#if defined(__x86_64__)
    if (arm_nn_host_isa_get() >= ARM_NN_HOST_ISA_AVX2)
    {
        pixel = arm_nn_host_maxpool_pixel_s16_avx2;
    }
#endif
    return arm_nn_host_pool_run(pool_params, input_dims, src, 2, filter_dims, output_dims, dst, pixel);
}
