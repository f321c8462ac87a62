/*
 * tflm-host's CMSIS-NN: arm_avgpool_s8 and arm_avgpool_s16. The mean of the
 * in-input part of each window, rounded half away from zero, then clamped.
 * No scratch buffer on the host (the Cortex-M DSP variant keeps per-channel
 * sums in one; here the AVX2 path keeps them in registers).
 */
#include "arm_nn_host_isa.h"
#include "arm_nn_host_pool.h"
#include "arm_nnfunctions.h"

static void avgpool_pixel_s8(const arm_nn_host_pool_window *w, void *out_pixel)
{
    arm_nn_host_avgpool_channels_s8(w, 0, (int8_t *)out_pixel);
}

static void avgpool_pixel_s16(const arm_nn_host_pool_window *w, void *out_pixel)
{
    arm_nn_host_avgpool_channels_s16(w, 0, (int16_t *)out_pixel);
}

arm_cmsis_nn_status arm_avgpool_s8(const cmsis_nn_context *ctx,
                                   const cmsis_nn_pool_params *pool_params,
                                   const cmsis_nn_dims *input_dims,
                                   const int8_t *input_data,
                                   const cmsis_nn_dims *filter_dims,
                                   const cmsis_nn_dims *output_dims,
                                   int8_t *output_data)
{
    (void)ctx;
    arm_nn_host_pool_pixel_fn pixel = avgpool_pixel_s8;
#if defined(__x86_64__)
    if (arm_nn_host_isa_get() >= ARM_NN_HOST_ISA_AVX2)
    {
        pixel = arm_nn_host_avgpool_pixel_s8_avx2;
    }
#endif
    return arm_nn_host_pool_run(pool_params, input_dims, input_data, 1, filter_dims, output_dims, output_data, pixel);
}

int32_t arm_avgpool_s8_get_buffer_size(const int dim_dst_width, const int ch_src)
{
    (void)dim_dst_width;
    (void)ch_src;
    return 0;
}

arm_cmsis_nn_status arm_avgpool_s16(const cmsis_nn_context *ctx,
                                    const cmsis_nn_pool_params *pool_params,
                                    const cmsis_nn_dims *input_dims,
                                    const int16_t *input_data,
                                    const cmsis_nn_dims *filter_dims,
                                    const cmsis_nn_dims *output_dims,
                                    int16_t *output_data)
{
    (void)ctx;
    arm_nn_host_pool_pixel_fn pixel = avgpool_pixel_s16;
#if defined(__x86_64__)
    if (arm_nn_host_isa_get() >= ARM_NN_HOST_ISA_AVX2)
    {
        pixel = arm_nn_host_avgpool_pixel_s16_avx2;
    }
#endif
    return arm_nn_host_pool_run(pool_params, input_dims, input_data, 2, filter_dims, output_dims, output_data, pixel);
}

int32_t arm_avgpool_s16_get_buffer_size(const int dim_dst_width, const int ch_src)
{
    (void)dim_dst_width;
    (void)ch_src;
    return 0;
}
