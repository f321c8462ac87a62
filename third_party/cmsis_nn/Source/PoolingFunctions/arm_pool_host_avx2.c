/*
 * tflm-host's CMSIS-NN: AVX2 pooling of one output pixel, channels in vector
 * blocks and the remainder through the portable code. Results equal the
 * portable ones bit for bit: integer sums, and the rounded mean's truncating
 * division done in floating point, exact because a quotient that is not an
 * integer is at least 1/count away from one, more than the division's rounding
 * error: in double for any int32 sum, in float for windows of at most 256
 * cells (|sum| <= 2^15 + 128, so the error is at most 2^-9 < 1/256).
 */
#if defined(__x86_64__) && defined(__AVX2__)

#include "../HostSupport/arm_nn_host_avx2_util.h"
#include "arm_nn_host_pool.h"

#include <immintrin.h>

/* sum > 0 ? sum + count / 2 : sum - count / 2, ready for a truncating division. */
static inline __m256i nudge_x8(const __m256i sum, const __m256i half_count)
{
    const __m256i positive = _mm256_cmpgt_epi32(sum, _mm256_setzero_si256());
    return _mm256_blendv_epi8(_mm256_sub_epi32(sum, half_count), _mm256_add_epi32(sum, half_count), positive);
}

/* The rounded mean of 8 int32 sums, divided in double (exact for any int32 sum). */
static inline __m256i rounded_mean_x8(const __m256i sum, const __m256i half_count, const __m256d count)
{
    const __m256i nudged = nudge_x8(sum, half_count);
    const __m128i lo = _mm256_cvttpd_epi32(_mm256_div_pd(_mm256_cvtepi32_pd(_mm256_castsi256_si128(nudged)), count));
    const __m128i hi =
        _mm256_cvttpd_epi32(_mm256_div_pd(_mm256_cvtepi32_pd(_mm256_extracti128_si256(nudged, 1)), count));
    return _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
}

void arm_nn_host_avgpool_pixel_s8_avx2(const arm_nn_host_pool_window *w, void *out_pixel)
{
    const int8_t *in = (const int8_t *)w->input;
    int8_t *out = (int8_t *)out_pixel;
    const int32_t count = (w->y1 - w->y0) * (w->x1 - w->x0);
    const __m256i half_count = _mm256_set1_epi32(count / 2);
    const __m256d count_pd = _mm256_set1_pd((double)count);
    int32_t c = 0;
    if (count <= 256)
    {
        /* 16 channels at a time, summed in int16 (256 int8 values fit). */
        const __m256 count_ps = _mm256_set1_ps((float)count);
        for (; c + 16 <= w->channels; c += 16)
        {
            __m256i sum16 = _mm256_setzero_si256();
            for (int32_t y = w->y0; y < w->y1; y++)
            {
                const int8_t *row = in + ((int64_t)y * w->in_w) * w->channels + c;
                for (int32_t x = w->x0; x < w->x1; x++)
                {
                    const __m128i v = _mm_loadu_si128((const __m128i *)(row + (int64_t)x * w->channels));
                    sum16 = _mm256_add_epi16(sum16, _mm256_cvtepi8_epi16(v));
                }
            }
            for (int half = 0; half < 2; half++)
            {
                const __m256i sum = _mm256_cvtepi16_epi32(half == 0 ? _mm256_castsi256_si128(sum16)
                                                                    : _mm256_extracti128_si256(sum16, 1));
                const __m256i nudged = nudge_x8(sum, half_count);
                const __m256i mean = _mm256_cvttps_epi32(_mm256_div_ps(_mm256_cvtepi32_ps(nudged), count_ps));
                arm_nn_host_store_s8_x8(arm_nn_host_clamp_x8(mean, w->act_min, w->act_max), out + c + 8 * half);
            }
        }
    }
    for (; c + 8 <= w->channels; c += 8)
    {
        __m256i sum = _mm256_setzero_si256();
        for (int32_t y = w->y0; y < w->y1; y++)
        {
            const int8_t *row = in + ((int64_t)y * w->in_w) * w->channels + c;
            for (int32_t x = w->x0; x < w->x1; x++)
            {
                sum = _mm256_add_epi32(sum, arm_nn_host_load_s8_x8(row + (int64_t)x * w->channels));
            }
        }
        const __m256i mean = rounded_mean_x8(sum, half_count, count_pd);
        arm_nn_host_store_s8_x8(arm_nn_host_clamp_x8(mean, w->act_min, w->act_max), out + c);
    }
    arm_nn_host_avgpool_channels_s8(w, c, out);
}

void arm_nn_host_maxpool_pixel_s8_avx2(const arm_nn_host_pool_window *w, void *out_pixel)
{
    const int8_t *in = (const int8_t *)w->input;
    int8_t *out = (int8_t *)out_pixel;
    const __m256i act_min = _mm256_set1_epi8((int8_t)w->act_min);
    const __m256i act_max = _mm256_set1_epi8((int8_t)w->act_max);
    int32_t c = 0;
    for (; c + 32 <= w->channels; c += 32)
    {
        __m256i best = act_min;
        for (int32_t y = w->y0; y < w->y1; y++)
        {
            const int8_t *row = in + ((int64_t)y * w->in_w) * w->channels + c;
            for (int32_t x = w->x0; x < w->x1; x++)
            {
                best = _mm256_max_epi8(best, _mm256_loadu_si256((const __m256i *)(row + (int64_t)x * w->channels)));
            }
        }
        _mm256_storeu_si256((__m256i *)(out + c), _mm256_min_epi8(best, act_max));
    }
    for (; c + 16 <= w->channels; c += 16)
    {
        __m128i best = _mm256_castsi256_si128(act_min);
        for (int32_t y = w->y0; y < w->y1; y++)
        {
            const int8_t *row = in + ((int64_t)y * w->in_w) * w->channels + c;
            for (int32_t x = w->x0; x < w->x1; x++)
            {
                best = _mm_max_epi8(best, _mm_loadu_si128((const __m128i *)(row + (int64_t)x * w->channels)));
            }
        }
        _mm_storeu_si128((__m128i *)(out + c), _mm_min_epi8(best, _mm256_castsi256_si128(act_max)));
    }
    arm_nn_host_maxpool_channels_s8(w, c, out);
}

void arm_nn_host_avgpool_pixel_s16_avx2(const arm_nn_host_pool_window *w, void *out_pixel)
{
    const int16_t *in = (const int16_t *)w->input;
    int16_t *out = (int16_t *)out_pixel;
    const int32_t count = (w->y1 - w->y0) * (w->x1 - w->x0);
    const __m256i half_count = _mm256_set1_epi32(count / 2);
    const __m256d count_pd = _mm256_set1_pd((double)count);
    int32_t c = 0;
    for (; c + 8 <= w->channels; c += 8)
    {
        __m256i sum = _mm256_setzero_si256();
        for (int32_t y = w->y0; y < w->y1; y++)
        {
            const int16_t *row = in + ((int64_t)y * w->in_w) * w->channels + c;
            for (int32_t x = w->x0; x < w->x1; x++)
            {
                sum = _mm256_add_epi32(sum, arm_nn_host_load_s16_x8(row + (int64_t)x * w->channels));
            }
        }
        const __m256i mean = rounded_mean_x8(sum, half_count, count_pd);
        arm_nn_host_store_s16_x8(arm_nn_host_clamp_x8(mean, w->act_min, w->act_max), out + c);
    }
    arm_nn_host_avgpool_channels_s16(w, c, out);
}

void arm_nn_host_maxpool_pixel_s16_avx2(const arm_nn_host_pool_window *w, void *out_pixel)
{
    const int16_t *in = (const int16_t *)w->input;
    int16_t *out = (int16_t *)out_pixel;
    const __m256i act_min = _mm256_set1_epi16((int16_t)w->act_min);
    const __m256i act_max = _mm256_set1_epi16((int16_t)w->act_max);
    int32_t c = 0;
    for (; c + 16 <= w->channels; c += 16)
    {
        __m256i best = act_min;
        for (int32_t y = w->y0; y < w->y1; y++)
        {
            const int16_t *row = in + ((int64_t)y * w->in_w) * w->channels + c;
            for (int32_t x = w->x0; x < w->x1; x++)
            {
                best = _mm256_max_epi16(best, _mm256_loadu_si256((const __m256i *)(row + (int64_t)x * w->channels)));
            }
        }
        _mm256_storeu_si256((__m256i *)(out + c), _mm256_min_epi16(best, act_max));
    }
    arm_nn_host_maxpool_channels_s16(w, c, out);
}

#endif /* __x86_64__ && __AVX2__ */
