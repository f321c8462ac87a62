/*
 * arm_convolve_s8: any filter size, stride, padding, dilation and grouping.
 * im2col of a few output pixels at a time into ctx->buf, then the GEMM engine.
 * Padded taps are filled with the input zero point, so (x + input_offset)
 * is 0 there, exactly as if they were skipped.
 */
#include "arm_nnfunctions.h"
#include "../HostSupport/arm_nn_host_internal.h"

#include <string.h>

/* Output pixels gathered per GEMM call. */
#define IM2COL_ROWS 8

int32_t arm_convolve_s8_get_buffer_size(const cmsis_nn_dims *input_dims, const cmsis_nn_dims *filter_dims)
{
    (void)input_dims;
    return IM2COL_ROWS * filter_dims->h * filter_dims->w * filter_dims->c;
}

/* Copies of a few bytes (the usual im2col pieces: a kernel row of a thin input) cost less
 * as two overlapping moves than as a library call. */
static inline void copy_bytes(int8_t *dst, const int8_t *src, int32_t count)
{
    if (count > 16)
    {
        memcpy(dst, src, (size_t)count);
    }
    else if (count >= 8)
    {
        memcpy(dst, src, 8);
        memcpy(dst + count - 8, src + count - 8, 8);
    }
    else if (count >= 4)
    {
        memcpy(dst, src, 4);
        memcpy(dst + count - 4, src + count - 4, 4);
    }
    else
    {
        for (int32_t i = 0; i < count; i++)
        {
            dst[i] = src[i];
        }
    }
}

static inline void fill_bytes(int8_t *dst, int8_t value, int32_t count)
{
    if (count > 16)
    {
        memset(dst, value, (size_t)count);
        return;
    }
    for (int32_t i = 0; i < count; i++)
    {
        dst[i] = value;
    }
}

/* One im2col row: the filter window of output pixel (oy, ox) for channels [first, first + depth).
 * Every size is read into a local first: the byte stores below may alias anything, so the
 * compiler would otherwise reload the structs after each one. */
static void im2col_row(const cmsis_nn_conv_params *cp,
                       const cmsis_nn_dims *input_dims,
                       const int8_t *input,
                       const cmsis_nn_dims *filter_dims,
                       int32_t first,
                       int32_t oy,
                       int32_t ox,
                       int8_t *col)
{
    const int32_t depth = filter_dims->c;
    const int32_t kernel_h = filter_dims->h;
    const int32_t kernel_w = filter_dims->w;
    const int32_t in_c = input_dims->c;
    const int32_t in_h = input_dims->h;
    const int32_t in_w = input_dims->w;
    const int32_t dilation_h = cp->dilation.h;
    const int32_t dilation_w = cp->dilation.w;
    const int8_t zero_point = (int8_t)(-cp->input_offset);
    const int32_t in_y0 = oy * cp->stride.h - cp->padding.h;
    const int32_t in_x0 = ox * cp->stride.w - cp->padding.w;
    int32_t kx_begin, kx_end;
    arm_nn_host_inside_taps(in_x0, dilation_w, kernel_w, in_w, &kx_begin, &kx_end);
    const int32_t row_bytes = kernel_w * depth;
    const int contiguous = dilation_w == 1 && depth == in_c;
    const int whole_rows = contiguous && kx_begin == 0 && kx_end == kernel_w;
    const int8_t *src = input + first;
    for (int32_t ky = 0; ky < kernel_h; ky++)
    {
        int8_t *dst = col + ky * row_bytes;
        const int32_t in_y = in_y0 + ky * dilation_h;
        if (in_y < 0 || in_y >= in_h || kx_begin == kx_end)
        {
            fill_bytes(dst, zero_point, row_bytes);
            continue;
        }
        const int8_t *src_row = src + (int64_t)in_y * in_w * in_c;
        if (whole_rows)
        {
            copy_bytes(dst, src_row + (int64_t)in_x0 * in_c, row_bytes); /* the whole kernel row is inside */
            continue;
        }
        fill_bytes(dst, zero_point, kx_begin * depth);
        if (contiguous)
        {
            copy_bytes(dst + kx_begin * depth, src_row + (int64_t)(in_x0 + kx_begin) * in_c,
                       (kx_end - kx_begin) * depth);
        }
        else
        {
            for (int32_t kx = kx_begin; kx < kx_end; kx++)
            {
                copy_bytes(dst + kx * depth, src_row + (int64_t)(in_x0 + kx * dilation_w) * in_c, depth);
            }
        }
        fill_bytes(dst + kx_end * depth, zero_point, (kernel_w - kx_end) * depth);
    }
}

arm_cmsis_nn_status arm_convolve_s8(const cmsis_nn_context *ctx,
                                    const cmsis_nn_conv_params *conv_params,
                                    const cmsis_nn_per_channel_quant_params *quant_params,
                                    const cmsis_nn_dims *input_dims,
                                    const int8_t *input_data,
                                    const cmsis_nn_dims *filter_dims,
                                    const int8_t *filter_data,
                                    const cmsis_nn_dims *bias_dims,
                                    const int32_t *bias_data,
                                    const cmsis_nn_dims *output_dims,
                                    int8_t *output_data)
{
    (void)bias_dims;
    const int32_t k = filter_dims->h * filter_dims->w * filter_dims->c;
    return arm_nn_host_convolve_im2col(ctx, conv_params, quant_params, input_dims, input_data, filter_dims,
                                       filter_data, k, 1, bias_data, output_dims, output_data);
}

arm_cmsis_nn_status arm_nn_host_convolve_im2col(const cmsis_nn_context *ctx,
                                                const cmsis_nn_conv_params *conv_params,
                                                const cmsis_nn_per_channel_quant_params *quant_params,
                                                const cmsis_nn_dims *input_dims,
                                                const int8_t *input_data,
                                                const cmsis_nn_dims *filter_dims,
                                                const int8_t *filter_data,
                                                int32_t row_stride,
                                                int32_t col_stride,
                                                const int32_t *bias_data,
                                                const cmsis_nn_dims *output_dims,
                                                int8_t *output_data)
{
    const int32_t depth = filter_dims->c;
    if (depth <= 0 || input_dims->c % depth != 0)
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
    const int32_t groups = input_dims->c / depth;
    const int32_t out_c = output_dims->c;
    if (out_c % groups != 0 || ctx == NULL || ctx->buf == NULL)
    {
        return ARM_CMSIS_NN_ARG_ERROR;
    }
    const int32_t k = filter_dims->h * filter_dims->w * depth;
    const int32_t group_rows = out_c / groups;
    /* Packed panels span all output channels, so only an ungrouped conv can use them. */
    const arm_nn_host_packed_filter *packed =
        arm_nn_host_take_packed_filter(filter_data, out_c, k, row_stride, col_stride, bias_data, conv_params->input_offset);
    int8_t *col = (int8_t *)ctx->buf;
    const int32_t pixels = output_dims->h * output_dims->w;
    for (int32_t b = 0; b < input_dims->n; b++)
    {
        const int8_t *input = input_data + (int64_t)b * input_dims->h * input_dims->w * input_dims->c;
        int8_t *output = output_data + (int64_t)b * pixels * out_c;
        for (int32_t g = 0; g < groups; g++)
        {
            const arm_nn_host_gemm_params gp = {
                .rows = group_rows,
                .cols = k,
                .filter = filter_data + (int64_t)g * group_rows * row_stride,
                .row_stride = row_stride,
                .col_stride = col_stride,
                .bias = bias_data != NULL ? bias_data + g * group_rows : NULL,
                .multiplier = quant_params->multiplier + g * group_rows,
                .shift = quant_params->shift + g * group_rows,
                .per_channel = 1,
                .input_offset = conv_params->input_offset,
                .output_offset = conv_params->output_offset,
                .act_min = conv_params->activation.min,
                .act_max = conv_params->activation.max,
                .packed = groups == 1 ? packed : NULL,
            };
            for (int32_t pixel = 0; pixel < pixels; pixel += IM2COL_ROWS)
            {
                const int32_t count = pixels - pixel < IM2COL_ROWS ? pixels - pixel : IM2COL_ROWS;
                const int8_t *rows[IM2COL_ROWS];
                for (int32_t i = 0; i < count; i++)
                {
                    const int32_t index = pixel + i;
                    im2col_row(conv_params, input_dims, input, filter_dims, g * depth, index / output_dims->w,
                               index % output_dims->w, col + (int64_t)i * k);
                    rows[i] = col + (int64_t)i * k;
                }
                arm_nn_host_gemm_s8(&gp, rows, count, output + (int64_t)pixel * out_c + g * group_rows, out_c);
            }
        }
    }
    return ARM_CMSIS_NN_SUCCESS;
}
