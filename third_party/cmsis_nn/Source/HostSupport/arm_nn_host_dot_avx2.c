/*
 * tflm-host's CMSIS-NN: AVX2 dot products of the LSTM and SVDF matmuls. Both
 * operands are widened to int16 and multiplied pairwise with vpmaddwd, whose
 * int32 pair sums cannot overflow for int8 x int8 (2 * 2^14) nor int16 x int8
 * (2 * 2^22); the int16 version moves its int32 lanes into int64 every 128
 * steps, before they could overflow.
 */
#if defined(__x86_64__) && defined(__AVX2__)

#include "arm_nn_host_dot.h"

#include <immintrin.h>

static inline int32_t sum_epi32(const __m256i v)
{
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2)));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1)));
    return _mm_cvtsi128_si32(s);
}

int32_t arm_nn_host_dot_s8_avx2(const int8_t *x, const int8_t *w, int32_t n)
{
    __m256i acc = _mm256_setzero_si256();
    int32_t k = 0;
    for (; k + 16 <= n; k += 16)
    {
        const __m256i xv = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(x + k)));
        const __m256i wv = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(w + k)));
        acc = _mm256_add_epi32(acc, _mm256_madd_epi16(xv, wv)); /* wraps like the scalar sum */
    }
    return (int32_t)((uint32_t)sum_epi32(acc) + (uint32_t)arm_nn_host_dot_s8(x + k, w + k, n - k));
}

int64_t arm_nn_host_dot_s16_avx2(const int16_t *x, const int8_t *w, int32_t n)
{
    int64_t total = 0;
    int32_t k = 0;
    while (k + 16 <= n)
    {
        __m256i acc = _mm256_setzero_si256();
        for (int32_t steps = 0; steps < 128 && k + 16 <= n; steps++, k += 16)
        {
            const __m256i xv = _mm256_loadu_si256((const __m256i *)(x + k));
            const __m256i wv = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(w + k)));
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(xv, wv));
        }
        /* Each lane holds at most 128 * 2^23 = 2^30 in magnitude: sum lanes in int64. */
        int32_t lanes[8];
        _mm256_storeu_si256((__m256i *)lanes, acc);
        for (int i = 0; i < 8; i++)
        {
            total += lanes[i];
        }
    }
    return total + arm_nn_host_dot_s16(x + k, w + k, n - k);
}

#endif /* __x86_64__ && __AVX2__ */
