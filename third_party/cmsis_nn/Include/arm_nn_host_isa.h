/*
 * tflm-host extension (not part of the CMSIS-NN API): which x86-64 code path
 * the kernels of this library use. Detected once from the CPU
 * (__builtin_cpu_supports), never from compile flags, so one build runs on
 * any x86-64; tests force a lower level to check every path against the
 * portable C one. The environment variable TFLM_HOST_ISA=portable|avx2|avx512
 * caps the level at start-up.
 */
#ifndef ARM_NN_HOST_ISA_H
#define ARM_NN_HOST_ISA_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum
{
    ARM_NN_HOST_ISA_PORTABLE = 0, /* plain C, the arithmetic of the Cortex-M kernels */
    ARM_NN_HOST_ISA_AVX2 = 1,
    ARM_NN_HOST_ISA_AVX512_VNNI = 2, /* AVX-512 F/BW/VL + VNNI */
} arm_nn_host_isa;

/* Best level this CPU supports. */
arm_nn_host_isa arm_nn_host_isa_detect(void);

/* Level in use. */
arm_nn_host_isa arm_nn_host_isa_get(void);

/* Select a level; returns the level in effect (requests above what the CPU
 * supports are lowered to the best supported one). */
arm_nn_host_isa arm_nn_host_isa_set(arm_nn_host_isa isa);

#ifdef __cplusplus
}
#endif

#endif /* ARM_NN_HOST_ISA_H */
