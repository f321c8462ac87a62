/*
 * tflm-host: AVX-512 VNNI engines. Compiled with AVX-512 flags (CMakeLists),
 * called only when the CPU has them.
 *
 * GEMM: vpdpbusd multiplies unsigned by signed bytes, so input bytes are
 * flipped to x + 128 (xor 0x80) and the packer folds -128 * kernel_sum into the
 * bias together with input_offset * kernel_sum. All of it is exact int32
 * arithmetic (wrapping, like the reference's), so the accumulators equal the
 * portable ones and requantize16 reproduces arm_nn_requantize lane by lane.
 */
#if defined(__x86_64__) && defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__) && \
    defined(__AVX512VNNI__)

#include "arm_nn_host_internal.h"

#include <immintrin.h>
#include <string.h>

#define PANEL ARM_NN_HOST_PANEL_AVX512

void arm_nn_host_pack_avx512(arm_nn_host_packed_filter *pk)
{
    memset(pk->data, 0, (size_t)pk->panels * pk->panel_bytes);
    for (int32_t n = 0; n < pk->panels * PANEL; n++)
    {
        if (n >= pk->rows)
        {
            pk->eff_bias[n] = 0;
            continue;
        }
        int8_t *panel = pk->data + (int64_t)(n / PANEL) * pk->panel_bytes;
        const int32_t lane = n % PANEL;
        const int8_t *weights = pk->filter + (int64_t)n * pk->row_stride;
        uint32_t kernel_sum = 0;
        for (int32_t k = 0; k < pk->cols; k++)
        {
            /* group k / 4 holds 16 lanes of 4 consecutive depths */
            panel[(k / 4) * PANEL * 4 + lane * 4 + (k % 4)] = weights[(int64_t)k * pk->col_stride];
            kernel_sum += (uint32_t)(int32_t)weights[(int64_t)k * pk->col_stride];
        }
        const uint32_t bias = pk->bias != NULL ? (uint32_t)pk->bias[n] : 0u;
        pk->eff_bias[n] = (int32_t)(bias + kernel_sum * (uint32_t)(pk->input_offset - 128));
    }
}

/* arm_nn_requantize on 16 lanes; has_left: some lane has shift > 0 (layers rarely do). */
static inline __m512i requantize16_impl(__m512i acc, __m512i mult, __m512i shift, const int has_left)
{
    const __m512i zero = _mm512_setzero_si512();
    const __m512i one = _mm512_set1_epi32(1);
    const __m512i right = _mm512_max_epi32(_mm512_sub_epi32(zero, shift), zero);
    const __m512i x = has_left ? _mm512_sllv_epi32(acc, _mm512_max_epi32(shift, zero)) : acc;
    const __m512i round = _mm512_set1_epi64(1LL << 30);
    /* (x * mult + 2^30) >> 31 per lane: even lanes, then odd lanes moved down. */
    __m512i even = _mm512_add_epi64(_mm512_mul_epi32(x, mult), round);
    __m512i odd = _mm512_add_epi64(_mm512_mul_epi32(_mm512_srli_epi64(x, 32), _mm512_srli_epi64(mult, 32)), round);
    even = _mm512_srli_epi64(even, 31); /* bits 31..62 in the low half */
    odd = _mm512_slli_epi64(odd, 1);    /* bits 31..62 in the high half */
    const __m512i high = _mm512_mask_blend_epi32(0xAAAA, even, odd);
    /* Rounding divide by 2^right, ties away from zero. */
    const __m512i mask = _mm512_sub_epi32(_mm512_sllv_epi32(one, right), one);
    const __m512i remainder = _mm512_and_si512(high, mask);
    const __m512i threshold = _mm512_sub_epi32(_mm512_srai_epi32(mask, 1), _mm512_srai_epi32(high, 31));
    const __m512i result = _mm512_srav_epi32(high, right);
    return _mm512_mask_add_epi32(result, _mm512_cmpgt_epi32_mask(remainder, threshold), result, one);
}

static inline __m512i requantize16(__m512i acc, __m512i mult, __m512i shift)
{
    return requantize16_impl(acc, mult, shift, 1);
}

static inline __mmask16 lanes_mask(int32_t valid)
{
    return valid >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << valid) - 1u);
}

/* Requantizes, offsets, clamps and stores 16 channels (mask: the valid ones). */
static inline void store16(__m512i acc,
                           __m512i mult,
                           __m512i shift,
                           __m512i out_offset,
                           __m512i act_min,
                           __m512i act_max,
                           __mmask16 mask,
                           int8_t *dst)
{
    __m512i v = _mm512_add_epi32(requantize16(acc, mult, shift), out_offset);
    v = _mm512_min_epi32(_mm512_max_epi32(v, act_min), act_max);
    _mm_mask_storeu_epi8(dst, mask, _mm512_cvtepi32_epi8(v));
}

static inline int32_t load_four(const int8_t *src, int32_t count)
{
    int32_t four = 0;
    memcpy(&four, src, (size_t)count);
    return four;
}

/* One group of 4 depths for MR rows x NP panels: vpdpbusd of the rows' bytes, flipped to
 * unsigned, against the panels' weights. count (4, or the last group's depths) is a
 * constant after inlining, so the row bytes load as one broadcast. */
static inline __attribute__((always_inline)) void gemm_group(__m512i acc[4][4],
                                                             const int8_t *const *rows,
                                                             const int MR,
                                                             const int NP,
                                                             const int8_t *w,
                                                             int32_t panel_bytes,
                                                             int32_t g,
                                                             int32_t count)
{
    const __m512i flip = _mm512_set1_epi32((int32_t)0x80808080u);
    __m512i b[4];
    for (int j = 0; j < NP; j++)
    {
        b[j] = _mm512_load_si512((const void *)(w + (int64_t)j * panel_bytes + g * 64));
    }
    for (int r = 0; r < MR; r++)
    {
        const __m512i a = _mm512_xor_si512(_mm512_set1_epi32(load_four(rows[r] + 4 * g, count)), flip);
        for (int j = 0; j < NP; j++)
        {
            acc[r][j] = _mm512_dpbusd_epi32(acc[r][j], a, b[j]);
        }
    }
}

/* MR rows x NP panels of 16 channels. Constant MR/NP after inlining keeps the
 * accumulators in registers; they start from the folded bias. */
static inline __attribute__((always_inline)) void gemm_tile(const arm_nn_host_gemm_params *p,
                                                            const int8_t *const *rows,
                                                            const int MR,
                                                            const int32_t panel,
                                                            const int NP,
                                                            int8_t *out,
                                                            int32_t out_stride)
{
    const arm_nn_host_packed_filter *pk = p->packed;
    __m512i acc[4][4];
    for (int j = 0; j < NP; j++)
    {
        const __m512i bias = _mm512_load_si512((const void *)(pk->eff_bias + (panel + j) * PANEL));
        for (int r = 0; r < MR; r++)
        {
            acc[r][j] = bias;
        }
    }
    const int8_t *w = pk->data + (int64_t)panel * pk->panel_bytes;
    const int32_t full = p->cols / 4;
    const int32_t tail = p->cols % 4;
    for (int32_t g = 0; g < full; g++)
    {
        gemm_group(acc, rows, MR, NP, w, pk->panel_bytes, g, 4);
    }
    if (tail != 0)
    {
        /* Depths past K have zero weights, so the bytes read as padding do not count. */
        gemm_group(acc, rows, MR, NP, w, pk->panel_bytes, full, tail);
    }
    const __m512i out_offset = _mm512_set1_epi32(p->output_offset);
    const __m512i act_min = _mm512_set1_epi32(p->act_min);
    const __m512i act_max = _mm512_set1_epi32(p->act_max);
    /* Without an activation the saturating narrowing does the clamp. */
    const int clamp = p->act_min > -128 || p->act_max < 127;
    for (int j = 0; j < NP; j++)
    {
        const int32_t ch = (panel + j) * PANEL;
        const __mmask16 mask = lanes_mask(p->rows - ch);
        __m512i mult, shift;
        if (p->per_channel)
        {
            mult = _mm512_maskz_loadu_epi32(mask, p->multiplier + ch);
            shift = _mm512_maskz_loadu_epi32(mask, p->shift + ch);
        }
        else
        {
            mult = _mm512_set1_epi32(p->multiplier[0]);
            shift = _mm512_set1_epi32(p->shift[0]);
        }
        const int has_left = _mm512_cmpgt_epi32_mask(shift, _mm512_setzero_si512()) != 0;
        for (int r = 0; r < MR; r++)
        {
            __m512i v = has_left ? requantize16_impl(acc[r][j], mult, shift, 1)
                                 : requantize16_impl(acc[r][j], mult, shift, 0);
            v = _mm512_add_epi32(v, out_offset);
            if (clamp)
            {
                v = _mm512_min_epi32(_mm512_max_epi32(v, act_min), act_max);
            }
            _mm_mask_storeu_epi8(out + (int64_t)r * out_stride + ch, mask, _mm512_cvtsepi32_epi8(v));
        }
    }
}

/* Channels in tiles of up to 4 panels (64 channels), output rows in tiles of 4. */
#define GEMM_ROWS_CASE(mr)                                                                                             \
    case mr:                                                                                                           \
        switch (np)                                                                                                    \
        {                                                                                                              \
        case 4:                                                                                                        \
            gemm_tile(p, rows + m, mr, panel, 4, dst, out_stride);                                                    \
            break;                                                                                                     \
        case 3:                                                                                                        \
            gemm_tile(p, rows + m, mr, panel, 3, dst, out_stride);                                                    \
            break;                                                                                                     \
        case 2:                                                                                                        \
            gemm_tile(p, rows + m, mr, panel, 2, dst, out_stride);                                                    \
            break;                                                                                                     \
        default:                                                                                                       \
            gemm_tile(p, rows + m, mr, panel, 1, dst, out_stride);                                                    \
        }                                                                                                              \
        break;

void arm_nn_host_gemm_s8_avx512(const arm_nn_host_gemm_params *p,
                                const int8_t *const *rows,
                                int32_t num_rows,
                                int8_t *out,
                                int32_t out_stride)
{
    /* Panels outer: a group of panels stays in L1 while every row block passes over it. */
    const int32_t panels = p->packed->panels;
    for (int32_t panel = 0; panel < panels; panel += 4)
    {
        const int32_t np = panels - panel < 4 ? panels - panel : 4;
        for (int32_t m = 0; m < num_rows; m += 4)
        {
            const int32_t mr = num_rows - m < 4 ? num_rows - m : 4;
            int8_t *dst = out + (int64_t)m * out_stride;
            switch (mr)
            {
                GEMM_ROWS_CASE(4)
                GEMM_ROWS_CASE(3)
                GEMM_ROWS_CASE(2)
                GEMM_ROWS_CASE(1)
            }
        }
    }
}

/* Byte shuffle placing input channel (c + j) / ch_mult in lane j (lanes past `valid`
 * read nothing), and the mask of the input bytes the block reads from c / ch_mult on. */
static inline __m128i channel_expansion(int32_t c, int32_t valid, int32_t ch_mult, __mmask16 *in_mask)
{
    int8_t index[16];
    const int32_t first = c / ch_mult;
    for (int32_t j = 0; j < 16; j++)
    {
        index[j] = j < valid ? (int8_t)((c + j) / ch_mult - first) : (int8_t)0x80;
    }
    *in_mask = lanes_mask((c + valid - 1) / ch_mult - first + 1);
    return _mm_loadu_si128((const __m128i *)index);
}

/* Any channel multiplier: 16 output channels per vector, int32 products. */
/* Output columns [ox_begin, ox_end) of every row. */
static void depthwise_expanding(const arm_nn_host_dw_params *p,
                                const int8_t *input,
                                const int8_t *filter,
                                int8_t *output,
                                int32_t ox_begin,
                                int32_t ox_end)
{
    const int32_t channels = p->channels;
    const int32_t in_c = p->in_channels;
    const int32_t ch_mult = p->ch_mult;
    const __m512i in_offset = _mm512_set1_epi32(p->input_offset);
    const __m512i out_offset = _mm512_set1_epi32(p->output_offset);
    const __m512i act_min = _mm512_set1_epi32(p->act_min);
    const __m512i act_max = _mm512_set1_epi32(p->act_max);
    for (int32_t oy = 0; oy < p->out_h; oy++)
    {
        const int32_t in_y0 = oy * p->stride_h - p->pad_h;
        int32_t ky_begin, ky_end;
        arm_nn_host_inside_taps(in_y0, p->dilation_h, p->kernel_h, p->in_h, &ky_begin, &ky_end);
        for (int32_t ox = ox_begin; ox < ox_end; ox++)
        {
            const int32_t in_x0 = ox * p->stride_w - p->pad_w;
            int32_t kx_begin, kx_end;
            arm_nn_host_inside_taps(in_x0, p->dilation_w, p->kernel_w, p->in_w, &kx_begin, &kx_end);
            int8_t *dst = output + ((int64_t)oy * p->out_w + ox) * channels;
            for (int32_t c = 0; c < channels; c += 16)
            {
                const __mmask16 mask = lanes_mask(channels - c);
                __mmask16 in_mask = mask;
                const __m128i expand =
                    ch_mult == 1 ? _mm_setzero_si128() : channel_expansion(c, channels - c, ch_mult, &in_mask);
                __m512i acc = p->bias != NULL ? _mm512_maskz_loadu_epi32(mask, p->bias + c) : _mm512_setzero_si512();
                for (int32_t ky = ky_begin; ky < ky_end; ky++)
                {
                    const int32_t in_y = in_y0 + ky * p->dilation_h;
                    const int8_t *in_row = input + (int64_t)in_y * p->in_w * in_c + c / ch_mult;
                    const int8_t *w_row = filter + (int64_t)ky * p->kernel_w * channels + c;
                    for (int32_t kx = kx_begin; kx < kx_end; kx++)
                    {
                        const int32_t in_x = in_x0 + kx * p->dilation_w;
                        __m128i bytes = _mm_maskz_loadu_epi8(in_mask, in_row + (int64_t)in_x * in_c);
                        if (ch_mult != 1)
                        {
                            bytes = _mm_shuffle_epi8(bytes, expand);
                        }
                        const __m512i x = _mm512_add_epi32(_mm512_cvtepi8_epi32(bytes), in_offset);
                        const __m512i w =
                            _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(mask, w_row + (int64_t)kx * channels));
                        acc = _mm512_add_epi32(acc, _mm512_mullo_epi32(x, w));
                    }
                }
                const __m512i mult = _mm512_maskz_loadu_epi32(mask, p->multiplier + c);
                const __m512i shift = _mm512_maskz_loadu_epi32(mask, p->shift + c);
                store16(acc, mult, shift, out_offset, act_min, act_max, mask, dst + c);
            }
        }
    }
}

/* Channels per block of the multiplier-1 kernel: 32 int16 lanes. */
#define DW_BLOCK 32
/* Largest channel count whose even/odd parameter copies live on the stack. */
#define DW_MAX_CHANNELS 2048

/* Per-channel values of each 32-channel block reordered as 16 even then 16 odd channels,
 * the lane order of the two int32 accumulators below (missing channels: 0). */
static void split_even_odd(const int32_t *values, int32_t channels, int32_t *split)
{
    for (int32_t c = 0; c < channels; c += DW_BLOCK)
    {
        for (int32_t j = 0; j < DW_BLOCK; j++)
        {
            const int32_t index = c + j;
            split[c + (j % 2) * 16 + j / 2] = values != NULL && index < channels ? values[index] : 0;
        }
    }
}

/* Per-call constants of the multiplier-1 kernel. */
typedef struct
{
    const arm_nn_host_dw_params *p;
    const int32_t *bias, *mult, *shift; /* even/odd split (split_even_odd) */
} dw_context;

/* NPIX output pixels of one row, ox, ox + 1, ..., sharing the tap ranges, for the 32-channel
 * block at c. Several pixels at once share the weight loads and keep independent
 * accumulator chains in flight. */
static inline __attribute__((always_inline)) void dw_block(const dw_context *dc,
                                                           const int NPIX,
                                                           const int8_t *input,
                                                           const int8_t *filter,
                                                           int8_t *dst,
                                                           int32_t in_y0,
                                                           int32_t ky_begin,
                                                           int32_t ky_end,
                                                           int32_t in_x0,
                                                           int32_t kx_begin,
                                                           int32_t kx_end,
                                                           int32_t c)
{
    const arm_nn_host_dw_params *p = dc->p;
    const int32_t channels = p->channels;
    const int64_t pixel_step = (int64_t)p->stride_w * channels;
    const int32_t valid = channels - c;
    const __mmask32 mask = valid >= 32 ? (__mmask32)0xFFFFFFFFu : (__mmask32)((1u << valid) - 1u);
    const __m512i in_offset = _mm512_set1_epi16((int16_t)p->input_offset);
    const __m512i even_lanes = _mm512_set1_epi32(0x0000FFFF);
    __m512i acc_even[4], acc_odd[4];
    for (int i = 0; i < NPIX; i++)
    {
        acc_even[i] = _mm512_loadu_si512((const void *)(dc->bias + c));
        acc_odd[i] = _mm512_loadu_si512((const void *)(dc->bias + c + 16));
    }
    for (int32_t ky = ky_begin; ky < ky_end; ky++)
    {
        const int32_t in_y = in_y0 + ky * p->dilation_h;
        const int8_t *in_row = input + (int64_t)in_y * p->in_w * channels + c;
        const int8_t *w_row = filter + (int64_t)ky * p->kernel_w * channels + c;
        for (int32_t kx = kx_begin; kx < kx_end; kx++)
        {
            const int8_t *in_tap = in_row + (int64_t)(in_x0 + kx * p->dilation_w) * channels;
            const __m512i w = _mm512_cvtepi8_epi16(_mm256_maskz_loadu_epi8(mask, w_row + (int64_t)kx * channels));
            const __m512i w_even = _mm512_and_si512(w, even_lanes);
            const __m512i w_odd = _mm512_andnot_si512(even_lanes, w);
            for (int i = 0; i < NPIX; i++)
            {
                const __m512i x = _mm512_add_epi16(
                    _mm512_cvtepi8_epi16(_mm256_maskz_loadu_epi8(mask, in_tap + i * pixel_step)), in_offset);
                acc_even[i] = _mm512_dpwssd_epi32(acc_even[i], x, w_even);
                acc_odd[i] = _mm512_dpwssd_epi32(acc_odd[i], x, w_odd);
            }
        }
    }
    const __m512i mult_even = _mm512_loadu_si512((const void *)(dc->mult + c));
    const __m512i mult_odd = _mm512_loadu_si512((const void *)(dc->mult + c + 16));
    const __m512i shift_even = _mm512_loadu_si512((const void *)(dc->shift + c));
    const __m512i shift_odd = _mm512_loadu_si512((const void *)(dc->shift + c + 16));
    const __m512i out_offset = _mm512_set1_epi32(p->output_offset);
    const __m512i act_min = _mm512_set1_epi32(p->act_min);
    const __m512i act_max = _mm512_set1_epi32(p->act_max);
    for (int i = 0; i < NPIX; i++)
    {
        __m512i even = _mm512_add_epi32(requantize16(acc_even[i], mult_even, shift_even), out_offset);
        __m512i odd = _mm512_add_epi32(requantize16(acc_odd[i], mult_odd, shift_odd), out_offset);
        even = _mm512_min_epi32(_mm512_max_epi32(even, act_min), act_max);
        odd = _mm512_min_epi32(_mm512_max_epi32(odd, act_min), act_max);
        /* Back to channel order: even channel in the low, odd in the high int16 of each lane. */
        const __m512i words = _mm512_or_si512(_mm512_and_si512(even, even_lanes), _mm512_slli_epi32(odd, 16));
        _mm256_mask_storeu_epi8(dst + (int64_t)i * channels + c, mask, _mm512_cvtepi16_epi8(words));
    }
}

/* Few channels (8 or 16) leave most of a 32-lane block idle, so the narrow kernel fills it
 * with 32 / channels neighbouring output pixels instead: lane j is pixel j / channels,
 * channel j % channels, and the weights of each tap are repeated per pixel. */
#define DW_NARROW_MAX_TAPS ARM_NN_HOST_DW_NARROW_MAX_TAPS

typedef struct
{
    const arm_nn_host_dw_params *p;
    int32_t pixels; /* per block: 32 / channels */
    __m256i expand; /* one input channel: byte shuffle repeating pixel j / channels's byte */
    __m512i w_even[DW_NARROW_MAX_TAPS], w_odd[DW_NARROW_MAX_TAPS];
    int32_t bias[DW_BLOCK], mult[DW_BLOCK], shift[DW_BLOCK]; /* repeated per pixel, even/odd split */
} dw_narrow_context;

static int dw_narrow_prepare(const arm_nn_host_dw_params *p, const int8_t *filter, dw_narrow_context *nc)
{
    const int32_t channels = p->channels;
    const int32_t taps = p->kernel_h * p->kernel_w;
    if (!arm_nn_host_dw_narrow_applies(p) || taps > DW_NARROW_MAX_TAPS)
    {
        return 0;
    }
    const int32_t pixels = DW_BLOCK / channels;
    nc->p = p;
    nc->pixels = pixels;
    int8_t index[DW_BLOCK];
    for (int32_t j = 0; j < DW_BLOCK; j++)
    {
        index[j] = (int8_t)((j / channels) * p->stride_w);
    }
    nc->expand = _mm256_loadu_si256((const __m256i *)index);
    const __m512i even_lanes = _mm512_set1_epi32(0x0000FFFF);
    for (int32_t t = 0; t < taps; t++)
    {
        int8_t repeated[DW_BLOCK];
        for (int32_t j = 0; j < DW_BLOCK; j++)
        {
            repeated[j] = filter[(int64_t)t * channels + j % channels];
        }
        const __m512i w = _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *)repeated));
        nc->w_even[t] = _mm512_and_si512(w, even_lanes);
        nc->w_odd[t] = _mm512_andnot_si512(even_lanes, w);
    }
    int32_t repeated[DW_BLOCK];
    for (int32_t j = 0; j < DW_BLOCK; j++)
    {
        repeated[j] = p->bias != NULL ? p->bias[j % channels] : 0;
    }
    split_even_odd(repeated, DW_BLOCK, nc->bias);
    for (int32_t j = 0; j < DW_BLOCK; j++)
    {
        repeated[j] = p->multiplier[j % channels];
    }
    split_even_odd(repeated, DW_BLOCK, nc->mult);
    for (int32_t j = 0; j < DW_BLOCK; j++)
    {
        repeated[j] = p->shift[j % channels];
    }
    split_even_odd(repeated, DW_BLOCK, nc->shift);
    return 1;
}

/* nc->pixels output pixels from in_x0 on, every tap of their rows inside the input. */
static inline void dw_narrow_block(const dw_narrow_context *nc,
                                   const int8_t *input,
                                   int8_t *dst,
                                   int32_t in_y0,
                                   int32_t ky_begin,
                                   int32_t ky_end,
                                   int32_t in_x0)
{
    const arm_nn_host_dw_params *p = nc->p;
    const int32_t channels = p->channels;
    const int32_t in_c = p->in_channels;
    const int64_t pixel_step = (int64_t)p->stride_w * in_c;
    const __mmask16 single_bytes = (__mmask16)((1u << ((nc->pixels - 1) * p->stride_w + 1)) - 1u);
    const __m512i in_offset = _mm512_set1_epi16((int16_t)p->input_offset);
    __m512i acc_even = _mm512_loadu_si512((const void *)nc->bias);
    __m512i acc_odd = _mm512_loadu_si512((const void *)(nc->bias + 16));
    for (int32_t ky = ky_begin; ky < ky_end; ky++)
    {
        const int8_t *in_row = input + (int64_t)(in_y0 + ky * p->dilation_h) * p->in_w * in_c;
        for (int32_t kx = 0; kx < p->kernel_w; kx++)
        {
            const int8_t *in_tap = in_row + (int64_t)(in_x0 + kx * p->dilation_w) * in_c;
            __m256i bytes;
            if (in_c == 1)
            {
                const __m128i raw = _mm_maskz_loadu_epi8(single_bytes, in_tap);
                bytes = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(raw), nc->expand);
            }
            else if (pixel_step == channels)
            {
                bytes = _mm256_loadu_si256((const __m256i *)in_tap);
            }
            else if (channels == 8)
            {
                int64_t lanes[4];
                for (int i = 0; i < 4; i++)
                {
                    memcpy(&lanes[i], in_tap + i * pixel_step, 8);
                }
                bytes = _mm256_loadu_si256((const __m256i *)lanes);
            }
            else
            {
                bytes = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)in_tap)),
                                                _mm_loadu_si128((const __m128i *)(in_tap + pixel_step)), 1);
            }
            const __m512i x = _mm512_add_epi16(_mm512_cvtepi8_epi16(bytes), in_offset);
            const int32_t t = ky * p->kernel_w + kx;
            acc_even = _mm512_dpwssd_epi32(acc_even, x, nc->w_even[t]);
            acc_odd = _mm512_dpwssd_epi32(acc_odd, x, nc->w_odd[t]);
        }
    }
    const __m512i even_lanes = _mm512_set1_epi32(0x0000FFFF);
    const __m512i out_offset = _mm512_set1_epi32(p->output_offset);
    const __m512i act_min = _mm512_set1_epi32(p->act_min);
    const __m512i act_max = _mm512_set1_epi32(p->act_max);
    __m512i even = requantize16(acc_even, _mm512_loadu_si512((const void *)nc->mult),
                                _mm512_loadu_si512((const void *)nc->shift));
    __m512i odd = requantize16(acc_odd, _mm512_loadu_si512((const void *)(nc->mult + 16)),
                               _mm512_loadu_si512((const void *)(nc->shift + 16)));
    even = _mm512_min_epi32(_mm512_max_epi32(_mm512_add_epi32(even, out_offset), act_min), act_max);
    odd = _mm512_min_epi32(_mm512_max_epi32(_mm512_add_epi32(odd, out_offset), act_min), act_max);
    const __m512i words = _mm512_or_si512(_mm512_and_si512(even, even_lanes), _mm512_slli_epi32(odd, 16));
    _mm256_storeu_si256((__m256i *)dst, _mm512_cvtepi16_epi8(words));
}

/* Output columns [*begin, *end) have every tap inside the input. */
static void inner_columns(const arm_nn_host_dw_params *p, int32_t *begin, int32_t *end)
{
    int32_t b = 0;
    while (b < p->out_w && b * p->stride_w - p->pad_w < 0)
    {
        b++;
    }
    int32_t e = b;
    while (e < p->out_w && e * p->stride_w - p->pad_w + (p->kernel_w - 1) * p->dilation_w < p->in_w)
    {
        e++;
    }
    *begin = b;
    *end = e;
}

/* One input channel into 8 or 16: narrow blocks inside, the expanding kernel at the edges. */
static void depthwise_single_channel(const dw_narrow_context *nc,
                                     const int8_t *input,
                                     const int8_t *filter,
                                     int8_t *output)
{
    const arm_nn_host_dw_params *p = nc->p;
    int32_t inner_begin, inner_end;
    inner_columns(p, &inner_begin, &inner_end);
    const int32_t narrow_end = inner_begin + (inner_end - inner_begin) / nc->pixels * nc->pixels;
    for (int32_t oy = 0; oy < p->out_h; oy++)
    {
        const int32_t in_y0 = oy * p->stride_h - p->pad_h;
        int32_t ky_begin, ky_end;
        arm_nn_host_inside_taps(in_y0, p->dilation_h, p->kernel_h, p->in_h, &ky_begin, &ky_end);
        for (int32_t ox = inner_begin; ox < narrow_end; ox += nc->pixels)
        {
            dw_narrow_block(nc, input, output + ((int64_t)oy * p->out_w + ox) * p->channels, in_y0, ky_begin, ky_end,
                            ox * p->stride_w - p->pad_w);
        }
    }
    depthwise_expanding(p, input, filter, output, 0, inner_begin);
    depthwise_expanding(p, input, filter, output, narrow_end, p->out_w);
}

/* Channel multiplier 1: 32 channels per block as int16 (x + input_offset fits, and so does
 * its product with a weight), multiplied by vpdpwssd against the weights with the odd
 * (then the even) lanes zeroed, so each int32 lane accumulates one channel exactly.
 * Pixels whose window lies wholly inside the input go four at a time. */
static void depthwise_multiplier_1(const arm_nn_host_dw_params *p,
                                   const int8_t *input,
                                   const int8_t *filter,
                                   int8_t *output)
{
    const int32_t channels = p->channels;
    int32_t bias[DW_MAX_CHANNELS], mult[DW_MAX_CHANNELS], shift[DW_MAX_CHANNELS];
    split_even_odd(p->bias, channels, bias);
    split_even_odd(p->multiplier, channels, mult);
    split_even_odd(p->shift, channels, shift);
    const dw_context dc = {p, bias, mult, shift};
    dw_narrow_context narrow;
    const int use_narrow = dw_narrow_prepare(p, filter, &narrow);
    const int32_t group = use_narrow ? narrow.pixels : 4;
    int32_t inner_begin, inner_end;
    inner_columns(p, &inner_begin, &inner_end);
    for (int32_t oy = 0; oy < p->out_h; oy++)
    {
        const int32_t in_y0 = oy * p->stride_h - p->pad_h;
        int32_t ky_begin, ky_end;
        arm_nn_host_inside_taps(in_y0, p->dilation_h, p->kernel_h, p->in_h, &ky_begin, &ky_end);
        int8_t *dst_row = output + (int64_t)oy * p->out_w * channels;
        int32_t ox = 0;
        while (ox < p->out_w)
        {
            const int32_t in_x0 = ox * p->stride_w - p->pad_w;
            int8_t *dst = dst_row + (int64_t)ox * channels;
            if (ox >= inner_begin && ox + group <= inner_end)
            {
                if (use_narrow)
                {
                    dw_narrow_block(&narrow, input, dst, in_y0, ky_begin, ky_end, in_x0);
                }
                else
                {
                    for (int32_t c = 0; c < channels; c += DW_BLOCK)
                    {
                        dw_block(&dc, 4, input, filter, dst, in_y0, ky_begin, ky_end, in_x0, 0, p->kernel_w, c);
                    }
                }
                ox += group;
                continue;
            }
            int32_t kx_begin, kx_end;
            arm_nn_host_inside_taps(in_x0, p->dilation_w, p->kernel_w, p->in_w, &kx_begin, &kx_end);
            for (int32_t c = 0; c < channels; c += DW_BLOCK)
            {
                dw_block(&dc, 1, input, filter, dst, in_y0, ky_begin, ky_end, in_x0, kx_begin, kx_end, c);
            }
            ox++;
        }
    }
}

void arm_nn_host_depthwise_s8_avx512(const arm_nn_host_dw_params *p,
                                     const int8_t *input,
                                     const int8_t *filter,
                                     int8_t *output)
{
    if (p->ch_mult == 1 && p->channels <= DW_MAX_CHANNELS)
    {
        depthwise_multiplier_1(p, input, filter, output);
        return;
    }
    dw_narrow_context narrow;
    if (p->in_channels == 1 && dw_narrow_prepare(p, filter, &narrow))
    {
        depthwise_single_channel(&narrow, input, filter, output);
        return;
    }
    depthwise_expanding(p, input, filter, output, 0, p->out_w);
}

#endif
