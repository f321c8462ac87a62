/*
 * tflm-host's CMSIS-NN internals: the int8 GEMM and depthwise engines every
 * convolution / fully connected entry point runs on, with one portable C
 * version and x86-64 SIMD versions picked at run time (arm_nn_host_isa.h).
 */
#ifndef ARM_NN_HOST_INTERNAL_H
#define ARM_NN_HOST_INTERNAL_H

#include "arm_nn_host_isa.h"
#include "arm_nn_host_packed.h"
#include "arm_nn_types.h"

/* Output channels per packed panel: one zmm of int32 lanes (AVX-512) or one ymm (AVX2). */
#define ARM_NN_HOST_PANEL_AVX512 16
#define ARM_NN_HOST_PANEL_AVX2 8

struct arm_nn_host_packed_filter
{
    const int8_t *filter; /* what was packed, to match the call */
    const int32_t *bias;
    int32_t rows, cols, input_offset;
    int32_t row_stride, col_stride; /* element (n, k) at filter[n * row_stride + k * col_stride] */
    int32_t isa;       /* arm_nn_host_isa the layout is for */
    int32_t panels;    /* ceil(rows / panel width) */
    int32_t groups;    /* ceil(cols / 4) for AVX-512 VNNI, ceil(cols / 2) for AVX2 */
    int32_t *eff_bias; /* panels * panel width: bias + kernel sum * offset (see the packers) */
    int8_t *data;      /* panel p at data + p * panel_bytes */
    int32_t panel_bytes;
};

/* acc(m, n) = bias[n] + sum_k (row_m[k] + input_offset) * filter[n][k]; output
 * out[m * out_stride + n] = clamp(requantize(acc) + output_offset). */
typedef struct
{
    int32_t rows;            /* N: output channels */
    int32_t cols;            /* K: accumulation depth */
    const int8_t *filter;    /* element (n, k) at filter[n * row_stride + k * col_stride] */
    int32_t row_stride, col_stride;
    const int32_t *bias;     /* [N] or NULL */
    const int32_t *multiplier;
    const int32_t *shift;
    int32_t per_channel;     /* 0: multiplier[0], shift[0] for every channel */
    int32_t input_offset;
    int32_t output_offset;
    int32_t act_min, act_max;
    const arm_nn_host_packed_filter *packed; /* for this filter and the ISA in use, or NULL */
} arm_nn_host_gemm_params;

/* num_rows input rows (each K int8 values) -> num_rows output rows. */
typedef void (*arm_nn_host_gemm_fn)(const arm_nn_host_gemm_params *p,
                                    const int8_t *const *rows,
                                    int32_t num_rows,
                                    int8_t *out,
                                    int32_t out_stride);

/* Depthwise convolution over one batch: output channel c reads input channel c / ch_mult. */
typedef struct
{
    int32_t in_h, in_w, in_channels;
    int32_t channels; /* output channels = in_channels * ch_mult */
    int32_t ch_mult;
    int32_t kernel_h, kernel_w;
    int32_t out_h, out_w;
    int32_t stride_h, stride_w, pad_h, pad_w, dilation_h, dilation_w;
    int32_t input_offset, output_offset, act_min, act_max;
    const int32_t *multiplier, *shift; /* per channel */
    const int32_t *bias;               /* or NULL */
} arm_nn_host_dw_params;

typedef void (*arm_nn_host_dw_fn)(const arm_nn_host_dw_params *p,
                                  const int8_t *input,
                                  const int8_t *filter,
                                  int8_t *output);

/* The AVX-512 depthwise kernel for 8 or 16 output channels fills its 32 lanes with
 * neighbouring pixels: with channel multiplier 1, or from one input channel whose bytes for a
 * block of pixels lie within 16 bytes. */
#define ARM_NN_HOST_DW_NARROW_MAX_TAPS 49
static inline int arm_nn_host_dw_narrow_applies(const arm_nn_host_dw_params *p)
{
    if (p->channels != 8 && p->channels != 16)
    {
        return 0;
    }
    const int32_t pixels = 32 / p->channels;
    return p->kernel_h * p->kernel_w <= ARM_NN_HOST_DW_NARROW_MAX_TAPS &&
        (p->ch_mult == 1 || (p->in_channels == 1 && (pixels - 1) * p->stride_w < 16));
}

/* Whether the depthwise engine in use beats im2col + GEMM for a single input channel. */
int arm_nn_host_depthwise_single_channel_in_engine(const arm_nn_host_dw_params *p);

/* Entry points; each dispatches once per call through the table of the ISA in use. */
void arm_nn_host_gemm_s8(const arm_nn_host_gemm_params *p,
                         const int8_t *const *rows,
                         int32_t num_rows,
                         int8_t *out,
                         int32_t out_stride);
void arm_nn_host_depthwise_s8(const arm_nn_host_dw_params *p, const int8_t *input, const int8_t *filter, int8_t *output);

/* Convolution as im2col (ctx->buf, arm_convolve_s8_get_buffer_size bytes) + GEMM, with the
 * filter element (output channel n, window position k) at filter[n * row_stride + k *
 * col_stride] - [C_OUT, H, W, C_IN] for arm_convolve_s8, transposed for a depthwise conv
 * of a single input channel. */
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
                                                int8_t *output_data);

/* The packed filter announced for this call, if it matches; always clears the announcement. */
const arm_nn_host_packed_filter *arm_nn_host_take_packed_filter(const int8_t *filter,
                                                                int32_t rows,
                                                                int32_t cols,
                                                                int32_t row_stride,
                                                                int32_t col_stride,
                                                                const int32_t *bias,
                                                                int32_t input_offset);

/* Implementations. */
void arm_nn_host_gemm_s8_portable(const arm_nn_host_gemm_params *p,
                                  const int8_t *const *rows,
                                  int32_t num_rows,
                                  int8_t *out,
                                  int32_t out_stride);
void arm_nn_host_gemm_s8_avx2(const arm_nn_host_gemm_params *p,
                              const int8_t *const *rows,
                              int32_t num_rows,
                              int8_t *out,
                              int32_t out_stride);
void arm_nn_host_gemm_s8_avx512(const arm_nn_host_gemm_params *p,
                                const int8_t *const *rows,
                                int32_t num_rows,
                                int8_t *out,
                                int32_t out_stride);
void arm_nn_host_depthwise_s8_portable(const arm_nn_host_dw_params *p,
                                       const int8_t *input,
                                       const int8_t *filter,
                                       int8_t *output);
void arm_nn_host_depthwise_s8_avx2(const arm_nn_host_dw_params *p,
                                   const int8_t *input,
                                   const int8_t *filter,
                                   int8_t *output);
void arm_nn_host_depthwise_s8_avx512(const arm_nn_host_dw_params *p,
                                     const int8_t *input,
                                     const int8_t *filter,
                                     int8_t *output);

/* Filter packers: layout and eff_bias for one ISA (see arm_nn_host_packed.c). */
void arm_nn_host_pack_avx2(arm_nn_host_packed_filter *packed);
void arm_nn_host_pack_avx512(arm_nn_host_packed_filter *packed);

/* First and one-past-last filter tap whose input position origin + dilation * tap
 * lies in [0, size): the others are padding, which contributes nothing. */
static inline void arm_nn_host_inside_taps(int32_t origin, int32_t dilation, int32_t taps, int32_t size,
                                           int32_t *begin, int32_t *end)
{
    *begin = origin >= 0 ? 0 : (-origin + dilation - 1) / dilation;
    const int32_t remaining = size - origin;
    int32_t last = remaining <= 0 ? 0 : (remaining + dilation - 1) / dilation;
    if (last > taps)
    {
        last = taps;
    }
    *end = last < *begin ? *begin : last;
}

#endif /* ARM_NN_HOST_INTERNAL_H */
