/*
 * tflm-host: the portable C engines, with the arithmetic of CMSIS-NN's
 * Cortex-M kernels (int32 accumulation of (input + offset) * weight, bias,
 * arm_nn_requantize, output offset, clamp).
 */
#include "arm_nn_host_internal.h"
#include "arm_nnsupportfunctions.h"

/* sum over k of (row[k] + offset) * weights[k * stride]; the contiguous case is a plain
 * loop the compiler vectorizes with the baseline ISA (SSE2, NEON). */
static int32_t dot(const int8_t *row, const int8_t *weights, int32_t count, int32_t stride, int32_t offset)
{
    int32_t acc = 0;
    if (stride == 1)
    {
        for (int32_t k = 0; k < count; k++)
        {
            acc += ((int32_t)row[k] + offset) * (int32_t)weights[k];
        }
        return acc;
    }
    for (int32_t k = 0; k < count; k++)
    {
        acc += ((int32_t)row[k] + offset) * (int32_t)weights[(int64_t)k * stride];
    }
    return acc;
}

void arm_nn_host_gemm_s8_portable(const arm_nn_host_gemm_params *p,
                                  const int8_t *const *rows,
                                  int32_t num_rows,
                                  int8_t *out,
                                  int32_t out_stride)
{
    for (int32_t m = 0; m < num_rows; m++)
    {
        int8_t *dst = out + (int64_t)m * out_stride;
        for (int32_t n = 0; n < p->rows; n++)
        {
            int32_t acc = p->bias != NULL ? p->bias[n] : 0;
            acc += dot(rows[m], p->filter + (int64_t)n * p->row_stride, p->cols, p->col_stride, p->input_offset);
            const int32_t q = p->per_channel ? n : 0;
            acc = arm_nn_requantize(acc, p->multiplier[q], p->shift[q]) + p->output_offset;
            dst[n] = (int8_t)arm_nn_clamp(acc, p->act_min, p->act_max);
        }
    }
}

/* Output channels accumulated together per pixel (channel-contiguous loops vectorize). */
#define DW_CHUNK 64

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
            for (int32_t c0 = 0; c0 < channels; c0 += DW_CHUNK)
            {
                const int32_t count = channels - c0 < DW_CHUNK ? channels - c0 : DW_CHUNK;
                int32_t acc[DW_CHUNK];
                for (int32_t i = 0; i < count; i++)
                {
                    acc[i] = p->bias != NULL ? p->bias[c0 + i] : 0;
                }
                for (int32_t ky = ky_begin; ky < ky_end; ky++)
                {
                    const int32_t in_y = in_y0 + ky * p->dilation_h;
                    for (int32_t kx = kx_begin; kx < kx_end; kx++)
                    {
                        const int32_t in_x = in_x0 + kx * p->dilation_w;
                        const int8_t *x = input + ((int64_t)in_y * p->in_w + in_x) * in_c;
                        const int8_t *w = filter + ((int64_t)ky * p->kernel_w + kx) * channels + c0;
                        if (p->ch_mult == 1)
                        {
                            for (int32_t i = 0; i < count; i++)
                            {
                                acc[i] += ((int32_t)x[c0 + i] + p->input_offset) * (int32_t)w[i];
                            }
                        }
                        else
                        {
                            for (int32_t i = 0; i < count; i++)
                            {
                                acc[i] += ((int32_t)x[(c0 + i) / p->ch_mult] + p->input_offset) * (int32_t)w[i];
                            }
                        }
                    }
                }
                for (int32_t i = 0; i < count; i++)
                {
                    const int32_t c = c0 + i;
                    const int32_t value = arm_nn_requantize(acc[i], p->multiplier[c], p->shift[c]) + p->output_offset;
                    dst[c] = (int8_t)arm_nn_clamp(value, p->act_min, p->act_max);
                }
            }
        }
    }
}
