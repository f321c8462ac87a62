/*
 * tflm-host's CMSIS-NN: AVX2 loops of the elementwise add and mul, 8 elements
 * per step, each step the scalar arithmetic lane by lane (int32 wrapping
 * shifts and products, arm_nn_requantize's double rounding); the tail runs the
 * scalar code itself.
 */
#if defined(__x86_64__) && defined(__AVX2__)

#include "../HostSupport/arm_nn_host_avx2_util.h"
#include "arm_nn_host_elementwise.h"

static inline __m256i add_x8(__m256i a, __m256i b, const arm_nn_host_add_params *p)
{
    const __m128i left = _mm_cvtsi32_si128(p->left_shift);
    a = _mm256_sll_epi32(_mm256_add_epi32(a, _mm256_set1_epi32(p->input_1_offset)), left);
    b = _mm256_sll_epi32(_mm256_add_epi32(b, _mm256_set1_epi32(p->input_2_offset)), left);
    a = arm_nn_host_requantize_x8(a, p->input_1_mult, p->input_1_shift);
    b = arm_nn_host_requantize_x8(b, p->input_2_mult, p->input_2_shift);
    __m256i sum = arm_nn_host_requantize_x8(_mm256_add_epi32(a, b), p->out_mult, p->out_shift);
    sum = _mm256_add_epi32(sum, _mm256_set1_epi32(p->out_offset));
    return arm_nn_host_clamp_x8(sum, p->act_min, p->act_max);
}

static inline __m256i mul_x8(__m256i a, __m256i b, const arm_nn_host_mul_params *p)
{
    a = _mm256_add_epi32(a, _mm256_set1_epi32(p->input_1_offset));
    b = _mm256_add_epi32(b, _mm256_set1_epi32(p->input_2_offset));
    __m256i v = arm_nn_host_requantize_x8(_mm256_mullo_epi32(a, b), p->out_mult, p->out_shift);
    v = _mm256_add_epi32(v, _mm256_set1_epi32(p->out_offset));
    return arm_nn_host_clamp_x8(v, p->act_min, p->act_max);
}

void arm_nn_host_add_s8_avx2(const int8_t *in1, const int8_t *in2, int8_t *out, int32_t size, const arm_nn_host_add_params *p)
{
    int32_t i = 0;
    for (; i + 8 <= size; i += 8)
    {
        arm_nn_host_store_s8_x8(add_x8(arm_nn_host_load_s8_x8(in1 + i), arm_nn_host_load_s8_x8(in2 + i), p), out + i);
    }
    for (; i < size; i++)
    {
        out[i] = (int8_t)arm_nn_host_add_element(in1[i], in2[i], p);
    }
}

void arm_nn_host_add_s16_avx2(const int16_t *in1, const int16_t *in2, int16_t *out, int32_t size, const arm_nn_host_add_params *p)
{
    int32_t i = 0;
    for (; i + 8 <= size; i += 8)
    {
        arm_nn_host_store_s16_x8(add_x8(arm_nn_host_load_s16_x8(in1 + i), arm_nn_host_load_s16_x8(in2 + i), p), out + i);
    }
    for (; i < size; i++)
    {
        out[i] = (int16_t)arm_nn_host_add_element(in1[i], in2[i], p);
    }
}

void arm_nn_host_mul_s8_avx2(const int8_t *in1, const int8_t *in2, int8_t *out, int32_t size, const arm_nn_host_mul_params *p)
{
    int32_t i = 0;
    for (; i + 8 <= size; i += 8)
    {
        arm_nn_host_store_s8_x8(mul_x8(arm_nn_host_load_s8_x8(in1 + i), arm_nn_host_load_s8_x8(in2 + i), p), out + i);
    }
    for (; i < size; i++)
    {
        out[i] = (int8_t)arm_nn_host_mul_element(in1[i], in2[i], p);
    }
}

void arm_nn_host_mul_s16_avx2(const int16_t *in1, const int16_t *in2, int16_t *out, int32_t size, const arm_nn_host_mul_params *p)
{
    int32_t i = 0;
    for (; i + 8 <= size; i += 8)
    {
        arm_nn_host_store_s16_x8(mul_x8(arm_nn_host_load_s16_x8(in1 + i), arm_nn_host_load_s16_x8(in2 + i), p), out + i);
    }
    for (; i < size; i++)
    {
        out[i] = (int16_t)arm_nn_host_mul_element(in1[i], in2[i], p);
    }
}

#endif /* __x86_64__ && __AVX2__ */
