/*
 * tflm-host: the portable C engines, with the arithmetic of CMSIS-NN's
 * Cortex-M kernels (int32 accumulation of (input + offset) * weight, bias,
 * arm_nn_requantize, output offset, clamp).
 */
#include "arm_nn_host_internal.h"
#include "arm_nnsupportfunctions.h"

void arm_nn_host_gemm_s8_portable(const arm_nn_host_gemm_params *p,
                                  const int8_t *const *rows,
                                  int32_t num_rows,
                                  int8_t *out,
                                  int32_t out_stride)
{
    for (int32_t m = 0; m < num_rows; m++)
    {
        const int8_t *row = rows[m];
        int8_t *dst = out + (int64_t)m * out_stride;
        for (int32_t n = 0; n < p->rows; n++)
        {
            const int8_t *weights = p->filter + (int64_t)n * p->row_stride;
            int32_t acc = p->bias != NULL ? p->bias[n] : 0;
            for (int32_t k = 0; k < p->cols; k++)
            {
                acc += ((int32_t)row[k] + p->input_offset) * (int32_t)weights[(int64_t)k * p->col_stride];
            }
            const int32_t q = p->per_channel ? n : 0;
            acc = arm_nn_requantize(acc, p->multiplier[q], p->shift[q]) + p->output_offset;
            dst[n] = (int8_t)arm_nn_clamp(acc, p->act_min, p->act_max);
        }
    }
}

void arm_nn_host_depthwise_s8_portable(const arm_nn_host_dw_params *p,
                                       const int8_t *input,
                                       const int8_t *filter,
                                       int8_t *output)
{
    const int32_t channels = p->channels;
    const int32_t in_c = p->in_channels;
    for (int32_t oy = 0; oy < p->out_h; oy++)
    {
        const int32_t in_y0 = oy * p->stride_h - p->pad_h;
        int32_t ky_begin, ky_end;
        arm_nn_host_inside_taps(in_y0, p->dilation_h, p->kernel_h, p->in_h, &ky_begin, &ky_end);
        for (int32_t ox = 0; ox < p->out_w; ox++)
        {
            const int32_t in_x0 = ox * p->stride_w - p->pad_w;
            int32_t kx_begin, kx_end;
            arm_nn_host_inside_taps(in_x0, p->dilation_w, p->kernel_w, p->in_w, &kx_begin, &kx_end);
            int8_t *dst = output + ((int64_t)oy * p->out_w + ox) * channels;
            for (int32_t c = 0; c < channels; c++)
            {
                int32_t acc = p->bias != NULL ? p->bias[c] : 0;
                for (int32_t ky = ky_begin; ky < ky_end; ky++)
                {
                    const int32_t in_y = in_y0 + ky * p->dilation_h;
                    for (int32_t kx = kx_begin; kx < kx_end; kx++)
                    {
                        const int32_t in_x = in_x0 + kx * p->dilation_w;
                        const int32_t x = input[((int64_t)in_y * p->in_w + in_x) * in_c + c / p->ch_mult];
                        const int32_t w = filter[((int64_t)ky * p->kernel_w + kx) * channels + c];
                        acc += (x + p->input_offset) * w;
                    }
                }
                acc = arm_nn_requantize(acc, p->multiplier[c], p->shift[c]) + p->output_offset;
                dst[c] = (int8_t)arm_nn_clamp(acc, p->act_min, p->act_max);
            }
        }
    }
}
