/*
 * tflm-host: run-time choice of the x86-64 code path (see arm_nn_host_isa.h).
 */
#include "arm_nn_host_isa.h"

#include <stdlib.h>
#include <string.h>

static int g_isa = -1; /* -1: not chosen yet */

arm_nn_host_isa arm_nn_host_isa_detect(void)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni"))
    {
        return ARM_NN_HOST_ISA_AVX512_VNNI;
    }
    if (__builtin_cpu_supports("avx2"))
    {
        return ARM_NN_HOST_ISA_AVX2;
    }
#endif
    return ARM_NN_HOST_ISA_PORTABLE;
}

arm_nn_host_isa arm_nn_host_isa_set(arm_nn_host_isa isa)
{
    const arm_nn_host_isa best = arm_nn_host_isa_detect();
    g_isa = (int)(isa < best ? isa : best);
    return (arm_nn_host_isa)g_isa;
}

/* TFLM_HOST_ISA caps the detected level, e.g. to benchmark the portable path. */
static arm_nn_host_isa isa_from_environment(void)
{
    const char *env = getenv("TFLM_HOST_ISA");
    if (env == NULL || env[0] == '\0')
    {
        return ARM_NN_HOST_ISA_AVX512_VNNI;
    }
    if (strcmp(env, "portable") == 0)
    {
        return ARM_NN_HOST_ISA_PORTABLE;
    }
    if (strcmp(env, "avx2") == 0)
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
