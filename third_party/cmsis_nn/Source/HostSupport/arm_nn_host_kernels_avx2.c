/*
 * tflm-host: AVX2 engines. Compiled with -mavx2 (CMakeLists), called only when
 * the CPU has it.
 *
 * GEMM: AVX2 has no byte dot product that cannot saturate (vpmaddubsw
 * saturates to int16), so weights are packed as int16 pairs and inputs
 * widened to int16: vpmaddwd gives exact int32 sums of two products. The
 * packer folds input_offset * kernel_sum into the bias, so the accumulators
 * equal the portable ones (int32 wrapping arithmetic) and requantize8
 * reproduces arm_nn_requantize lane by lane.
 */
#if defined(__x86_64__) && defined(__AVX2__)

#include "arm_nn_host_internal.h"
#include "arm_nnsupportfunctions.h"

#include <immintrin.h>
#include <string.h>

#define PANEL ARM_NN_HOST_PANEL_AVX2

void arm_nn_host_pack_avx2(arm_nn_host_packed_filter *pk)
{
    memset(pk->data, 0, (size_t)pk->panels * pk->panel_bytes);
    for (int32_t n = 0; n < pk->panels * PANEL; n++)
    {
        if (n >= pk->rows)
        {
            pk->eff_bias[n] = 0;
            continue;
        }
        int16_t *panel = (int16_t *)(pk->data + (int64_t)(n / PANEL) * pk->panel_bytes);
        const int32_t lane = n % PANEL;
        const int8_t *weights = pk->filter + (int64_t)n * pk->row_stride;
        uint32_t kernel_sum = 0;
        for (int32_t k = 0; k < pk->cols; k++)
        {
            /* group k / 2 holds 8 lanes of 2 consecutive depths */
            panel[((k / 2) * PANEL + lane) * 2 + (k % 2)] = weights[(int64_t)k * pk->col_stride];
            kernel_sum += (uint32_t)(int32_t)weights[(int64_t)k * pk->col_stride];
        }
        const uint32_t bias = pk->bias != NULL ? (uint32_t)pk->bias[n] : 0u;
        pk->eff_bias[n] = (int32_t)(bias + kernel_sum * (uint32_t)pk->input_offset);
    }
}

/* arm_nn_requantize on 8 lanes. */
static inline __m256i requantize8(__m256i acc, __m256i mult, __m256i shift)
{
    const __m256i zero = _mm256_setzero_si256();
    const __m256i one = _mm256_set1_epi32(1);
    const __m256i left = _mm256_max_epi32(shift, zero);
    const __m256i right = _mm256_max_epi32(_mm256_sub_epi32(zero, shift), zero);
    const __m256i x = _mm256_sllv_epi32(acc, left);
    const __m256i round = _mm256_set1_epi64x(1LL << 30);
    __m256i even = _mm256_add_epi64(_mm256_mul_epi32(x, mult), round);
    __m256i odd =
        _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(mult, 32)), round);
    even = _mm256_srli_epi64(even, 31); /* bits 31..62 in the low half */
    odd = _mm256_slli_epi64(odd, 1);    /* bits 31..62 in the high half */
    const __m256i high = _mm256_blend_epi32(even, odd, 0xAA);
    const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, right), one);
    const __m256i remainder = _mm256_and_si256(high, mask);
    const __m256i threshold = _mm256_sub_epi32(_mm256_srai_epi32(mask, 1), _mm256_srai_epi32(high, 31));
    const __m256i result = _mm256_srav_epi32(high, right);
    return _mm256_sub_epi32(result, _mm256_cmpgt_epi32(remainder, threshold));
}

/* Requantizes, offsets, clamps and stores the first `valid` of 8 channels. */
static inline void store8(__m256i acc,
                          __m256i mult,
                          __m256i shift,
                          __m256i out_offset,
                          __m256i act_min,
                          __m256i act_max,
                          int32_t valid,
                          int8_t *dst)
{
    __m256i v = _mm256_add_epi32(requantize8(acc, mult, shift), out_offset);
    v = _mm256_min_epi32(_mm256_max_epi32(v, act_min), act_max);
    const __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    const __m128i bytes = _mm_packs_epi16(words, words);
    if (valid >= 8)
    {
        _mm_storel_epi64((__m128i *)dst, bytes);
    }
    else
    {
        int8_t tmp[16];
        _mm_storeu_si128((__m128i *)tmp, bytes);
        memcpy(dst, tmp, (size_t)valid);
    }
}

/* Loads the first `valid` of 8 int32 (the rest 0). */
static inline __m256i load8(const int32_t *src, int32_t valid)
{
    if (valid >= 8)
    {
        return _mm256_loadu_si256((const __m256i *)src);
    }
    int32_t tmp[8] = {0};
    memcpy(tmp, src, (size_t)valid * sizeof(int32_t));
    return _mm256_loadu_si256((const __m256i *)tmp);
}

/* Inputs k and k + 1 of a row, sign-extended to an int16 pair in every int32 lane. */
static inline __m256i input_pair(const int8_t *row, int32_t k)
{
    int16_t two;
    memcpy(&two, row + k, 2);
    return _mm256_cvtepi8_epi16(_mm_set1_epi16(two));
}

/* The last input of an odd-length row, paired with 0. */
static inline __m256i input_last(const int8_t *row, int32_t k)
{
    return _mm256_set1_epi32((int32_t)(uint16_t)(int16_t)row[k]);
}

static inline __attribute__((always_inline)) void gemm_tile(const arm_nn_host_gemm_params *p,
                                                            const int8_t *const *rows,
                                                            const int MR,
                                                            const int32_t panel,
                                                            const int NP,
                                                            int8_t *out,
                                                            int32_t out_stride)
{
    const arm_nn_host_packed_filter *pk = p->packed;
    __m256i acc[4][2];
    for (int j = 0; j < NP; j++)
    {
        const __m256i bias = _mm256_load_si256((const __m256i *)(pk->eff_bias + (panel + j) * PANEL));
        for (int r = 0; r < MR; r++)
        {
            acc[r][j] = bias;
        }
    }
    const int8_t *w0 = pk->data + (int64_t)panel * pk->panel_bytes;
    const int8_t *w1 = w0 + pk->panel_bytes;
    const int32_t full = p->cols / 2;
    for (int32_t g = 0; g < pk->groups; g++)
    {
        const __m256i b0 = _mm256_load_si256((const __m256i *)(w0 + g * 32));
        const __m256i b1 = NP > 1 ? _mm256_load_si256((const __m256i *)(w1 + g * 32)) : b0;
        for (int r = 0; r < MR; r++)
        {
            const __m256i a = g < full ? input_pair(rows[r], 2 * g) : input_last(rows[r], 2 * g);
            acc[r][0] = _mm256_add_epi32(acc[r][0], _mm256_madd_epi16(a, b0));
            if (NP > 1)
            {
                acc[r][1] = _mm256_add_epi32(acc[r][1], _mm256_madd_epi16(a, b1));
            }
        }
    }
    const __m256i out_offset = _mm256_set1_epi32(p->output_offset);
    const __m256i act_min = _mm256_set1_epi32(p->act_min);
    const __m256i act_max = _mm256_set1_epi32(p->act_max);
    for (int j = 0; j < NP; j++)
    {
        const int32_t ch = (panel + j) * PANEL;
        const int32_t valid = p->rows - ch;
        const __m256i mult = p->per_channel ? load8(p->multiplier + ch, valid) : _mm256_set1_epi32(p->multiplier[0]);
        const __m256i shift = p->per_channel ? load8(p->shift + ch, valid) : _mm256_set1_epi32(p->shift[0]);
        for (int r = 0; r < MR; r++)
        {
            store8(acc[r][j], mult, shift, out_offset, act_min, act_max, valid,
                   out + (int64_t)r * out_stride + ch);
        }
    }
}

#define GEMM_TILE_CASE(mr)                                                                                             \
    case mr:                                                                                                           \
        if (np == 2)                                                                                                   \
            gemm_tile(p, rows + m, mr, panel, 2, dst, out_stride);                                                    \
        else                                                                                                           \
            gemm_tile(p, rows + m, mr, panel, 1, dst, out_stride);                                                    \
        break;

void arm_nn_host_gemm_s8_avx2(const arm_nn_host_gemm_params *p,
                              const int8_t *const *rows,
                              int32_t num_rows,
                              int8_t *out,
                              int32_t out_stride)
{
    const int32_t panels = p->packed->panels;
    for (int32_t m = 0; m < num_rows; m += 4)
    {
        const int32_t mr = num_rows - m < 4 ? num_rows - m : 4;
        int8_t *dst = out + (int64_t)m * out_stride;
        for (int32_t panel = 0; panel < panels; panel += 2)
        {
            const int32_t np = panels - panel < 2 ? 1 : 2;
            switch (mr)
            {
                GEMM_TILE_CASE(4)
                GEMM_TILE_CASE(3)
                GEMM_TILE_CASE(2)
            default:
                if (np == 2)
                    gemm_tile(p, rows + m, 1, panel, 2, dst, out_stride);
                else
                    gemm_tile(p, rows + m, 1, panel, 1, dst, out_stride);
            }
        }
    }
}

/* 8 input bytes for output channels [c, c + 8): input channel (c + j) / ch_mult in lane j.
 * With ch_mult > 1 fewer bytes exist, so they are copied rather than over-read. */
static inline __m128i input_bytes8(const int8_t *src, int32_t c, int32_t ch_mult)
{
    if (ch_mult == 1)
    {
        return _mm_loadl_epi64((const __m128i *)src);
    }
    int8_t lanes[16] = {0};
    const int32_t first = c / ch_mult;
    for (int32_t j = 0; j < 8; j++)
    {
        lanes[j] = src[(c + j) / ch_mult - first];
    }
    return _mm_loadu_si128((const __m128i *)lanes);
}

void arm_nn_host_depthwise_s8_avx2(const arm_nn_host_dw_params *p,
                                   const int8_t *input,
                                   const int8_t *filter,
                                   int8_t *output)
{
    const int32_t channels = p->channels;
    const int32_t in_c = p->in_channels;
    const int32_t ch_mult = p->ch_mult;
    const int32_t vector_channels = channels - channels % 8;
    const __m256i in_offset = _mm256_set1_epi32(p->input_offset);
    const __m256i out_offset = _mm256_set1_epi32(p->output_offset);
    const __m256i act_min = _mm256_set1_epi32(p->act_min);
    const __m256i act_max = _mm256_set1_epi32(p->act_max);
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
            for (int32_t c = 0; c < vector_channels; c += 8)
            {
                __m256i acc = p->bias != NULL ? _mm256_loadu_si256((const __m256i *)(p->bias + c))
                                              : _mm256_setzero_si256();
                for (int32_t ky = ky_begin; ky < ky_end; ky++)
                {
                    const int32_t in_y = in_y0 + ky * p->dilation_h;
                    const int8_t *in_row = input + (int64_t)in_y * p->in_w * in_c + c / ch_mult;
                    const int8_t *w_row = filter + (int64_t)ky * p->kernel_w * channels + c;
                    for (int32_t kx = kx_begin; kx < kx_end; kx++)
                    {
                        const int32_t in_x = in_x0 + kx * p->dilation_w;
                        const __m256i x = _mm256_add_epi32(
                            _mm256_cvtepi8_epi32(input_bytes8(in_row + (int64_t)in_x * in_c, c, ch_mult)), in_offset);
                        const __m256i w =
                            _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(w_row + (int64_t)kx * channels)));
                        acc = _mm256_add_epi32(acc, _mm256_mullo_epi32(x, w));
                    }
                }
                const __m256i mult = _mm256_loadu_si256((const __m256i *)(p->multiplier + c));
                const __m256i shift = _mm256_loadu_si256((const __m256i *)(p->shift + c));
                store8(acc, mult, shift, out_offset, act_min, act_max, 8, dst + c);
            }
            /* Channels past the last full vector, one at a time. */
            for (int32_t c = vector_channels; c < channels; c++)
            {
                int32_t acc = p->bias != NULL ? p->bias[c] : 0;
                for (int32_t ky = ky_begin; ky < ky_end; ky++)
                {
                    const int32_t in_y = in_y0 + ky * p->dilation_h;
                    for (int32_t kx = kx_begin; kx < kx_end; kx++)
                    {
                        const int32_t in_x = in_x0 + kx * p->dilation_w;
                        const int32_t x = input[((int64_t)in_y * p->in_w + in_x) * in_c + c / ch_mult];
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

#endif
