/*
 * tflm-host: run-time choice of the x86-64 code path (see arm_nn_host_isa.h)
 * and the kernel table it selects, set once (and again only when a test
 * forces another level).
 */
#include "arm_nn_host_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct
{
    arm_nn_host_gemm_fn gemm;
    arm_nn_host_dw_fn depthwise;
} kernel_table;

static const kernel_table k_portable = {arm_nn_host_gemm_s8_portable, arm_nn_host_depthwise_s8_portable};
#if defined(__x86_64__)
static const kernel_table k_avx2 = {arm_nn_host_gemm_s8_avx2, arm_nn_host_depthwise_s8_avx2};
static const kernel_table k_avx512 = {arm_nn_host_gemm_s8_avx512, arm_nn_host_depthwise_s8_avx512};
#endif

static int g_isa = -1; /* -1: not chosen yet */
static const kernel_table *g_kernels = &k_portable;

arm_nn_host_isa arm_nn_host_isa_detect(void)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni"))
    {
        return ARM_NN_HOST_ISA_AVX512_VNNI;
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    {
        return ARM_NN_HOST_ISA_AVX2;
    }
#endif
    return ARM_NN_HOST_ISA_PORTABLE;
}

arm_nn_host_isa arm_nn_host_isa_set(arm_nn_host_isa isa)
{
    const arm_nn_host_isa best = arm_nn_host_isa_detect();
    const arm_nn_host_isa chosen = isa < best ? isa : best;
    switch (chosen)
    {
#if defined(__x86_64__)
    case ARM_NN_HOST_ISA_AVX512_VNNI:
        g_kernels = &k_avx512;
        break;
    case ARM_NN_HOST_ISA_AVX2:
        g_kernels = &k_avx2;
        break;
#endif
    default:
        g_kernels = &k_portable;
    }
    g_isa = (int)chosen;
    return chosen;
}

/* TFLM_HOST_ISA caps the detected level, e.g. to benchmark the portable path. */
static arm_nn_host_isa isa_from_environment(void)
{
    const char *env = getenv("TFLM_HOST_ISA");
    if (env != NULL && strcmp(env, "portable") == 0)
    {
        return ARM_NN_HOST_ISA_PORTABLE;
    }
    if (env != NULL && strcmp(env, "avx2") == 0)
    {
        return ARM_NN_HOST_ISA_AVX2;
    }
    return ARM_NN_HOST_ISA_AVX512_VNNI;
}

arm_nn_host_isa arm_nn_host_isa_get(void)
{
    /* Benign race: every thread computes the same value. */
    if (g_isa < 0)
    {
        arm_nn_host_isa_set(isa_from_environment());
    }
    return (arm_nn_host_isa)g_isa;
}

void arm_nn_host_gemm_s8(const arm_nn_host_gemm_params *p,
                         const int8_t *const *rows,
                         int32_t num_rows,
                         int8_t *out,
                         int32_t out_stride)
{
    (void)arm_nn_host_isa_get();
    /* The SIMD GEMMs read the packed layout; without one the portable GEMM runs. */
    if (p->packed == NULL)
    {
        arm_nn_host_gemm_s8_portable(p, rows, num_rows, out, out_stride);
        return;
    }
    g_kernels->gemm(p, rows, num_rows, out, out_stride);
}

int arm_nn_host_depthwise_single_channel_in_engine(const arm_nn_host_dw_params *p)
{
    return arm_nn_host_isa_get() == ARM_NN_HOST_ISA_AVX512_VNNI && arm_nn_host_dw_narrow_applies(p);
}

void arm_nn_host_depthwise_s8(const arm_nn_host_dw_params *p, const int8_t *input, const int8_t *filter, int8_t *output)
{
    (void)arm_nn_host_isa_get();
    g_kernels->depthwise(p, input, filter, output);
}
