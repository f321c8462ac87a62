/*
 * tflm-host's CMSIS-NN: the output-pixel walk shared by the pooling kernels.
 */
#include "arm_nn_host_pool.h"
#include "arm_nn_math_types.h"

arm_cmsis_nn_status arm_nn_host_pool_run(const cmsis_nn_pool_params *pool_params,
                                         const cmsis_nn_dims *input_dims,
                                         const void *input_data,
                                         int32_t element_size,
                                         const cmsis_nn_dims *filter_dims,
                                         const cmsis_nn_dims *output_dims,
                                         void *output_data,
                                         arm_nn_host_pool_pixel_fn pixel)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, channels = input_dims->c;
    const int32_t out_h = output_dims->h, out_w = output_dims->w;
    const int32_t batches = input_dims->n > 0 ? input_dims->n : 1;
    const int64_t in_batch_bytes = (int64_t)in_h * in_w * channels * element_size;
    const int64_t out_pixel_bytes = (int64_t)channels * element_size;
    char *out = (char *)output_data;

    arm_nn_host_pool_window w;
    w.in_w = in_w;
    w.channels = channels;
    w.act_min = pool_params->activation.min;
    w.act_max = pool_params->activation.max;
    for (int32_t b = 0; b < batches; b++)
    {
        w.input = (const char *)input_data + b * in_batch_bytes;
        for (int32_t oy = 0; oy < out_h; oy++)
        {
            const int32_t top = oy * pool_params->stride.h - pool_params->padding.h;
            w.y0 = MAX(top, 0);
            w.y1 = MIN(top + filter_dims->h, in_h);
            for (int32_t ox = 0; ox < out_w; ox++)
            {
                const int32_t left = ox * pool_params->stride.w - pool_params->padding.w;
                w.x0 = MAX(left, 0);
                w.x1 = MIN(left + filter_dims->w, in_w);
                /* An empty window would divide by zero; CMSIS-NN reports it as an argument error. */
                if (w.y0 >= w.y1 || w.x0 >= w.x1)
                {
                    return ARM_CMSIS_NN_ARG_ERROR;
                }
                pixel(&w, out);
                out += out_pixel_bytes;
            }
        }
    }
    return ARM_CMSIS_NN_SUCCESS;
}
