/*
 * tflm-host's CMSIS-NN: AVX2 helpers for the non-convolution kernels. Include
 * only from *_avx2.c files (compiled with -mavx2).
 */
#ifndef ARM_NN_HOST_AVX2_UTIL_H
#define ARM_NN_HOST_AVX2_UTIL_H

#include <immintrin.h>
#include <stdint.h>

/* arm_nn_requantize on 8 lanes with one multiplier and shift for all: the
 * same double rounding, lane by lane. The 64-bit products are split into even
 * and odd lanes (vpmuldq); bits 31..62 of (x * m + 2^30) are the high half. */
static inline __m256i arm_nn_host_requantize_x8(const __m256i value, const int32_t multiplier, const int32_t shift)
{
    const __m256i x = _mm256_sll_epi32(value, _mm_cvtsi32_si128(shift > 0 ? shift : 0));
    const __m256i mult = _mm256_set1_epi32(multiplier);
    const __m256i round = _mm256_set1_epi64x(1LL << 30);
    const __m256i even = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(x, mult), round), 31);
    const __m256i odd = _mm256_slli_epi64(_mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), mult), round), 1);
    const __m256i high = _mm256_blend_epi32(even, odd, 0xAA);

    /* Rounding division by 2^right, ties away from zero. */
    const int32_t right = shift > 0 ? 0 : -shift;
    const __m128i right_count = _mm_cvtsi32_si128(right);
    const __m256i mask = _mm256_set1_epi32((int32_t)(((int64_t)1 << right) - 1));
    const __m256i remainder = _mm256_and_si256(high, mask);
    const __m256i threshold = _mm256_sub_epi32(_mm256_srai_epi32(mask, 1), _mm256_srai_epi32(high, 31));
    return _mm256_sub_epi32(_mm256_sra_epi32(high, right_count), _mm256_cmpgt_epi32(remainder, threshold));
}

static inline __m256i arm_nn_host_clamp_x8(const __m256i v, const int32_t min, const int32_t max)
{
    return _mm256_min_epi32(_mm256_max_epi32(v, _mm256_set1_epi32(min)), _mm256_set1_epi32(max));
}

/* 8 int32 lanes already within int8 range -> 8 bytes at dst. */
static inline void arm_nn_host_store_s8_x8(const __m256i v, int8_t *dst)
{
    const __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    _mm_storel_epi64((__m128i *)dst, _mm_packs_epi16(words, words));
}

/* 8 int32 lanes already within int16 range -> 8 int16 at dst. */
static inline void arm_nn_host_store_s16_x8(const __m256i v, int16_t *dst)
{
    _mm_storeu_si128((__m128i *)dst, _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1)));
}

static inline __m256i arm_nn_host_load_s8_x8(const int8_t *src)
{
    return _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)src));
}

static inline __m256i arm_nn_host_load_s16_x8(const int16_t *src)
{
    return _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)src));
}

#endif /* ARM_NN_HOST_AVX2_UTIL_H */
