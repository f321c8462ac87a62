/*
 * tflm-host's CMSIS-NN: which dot products the LSTM and SVDF kernels use.
 */
#include "arm_nn_host_dot.h"
#include "arm_nn_host_isa.h"

arm_nn_host_dot_s8_fn arm_nn_host_dot_s8_for_isa(void)
{
#if defined(__x86_64__)
    if (arm_nn_host_isa_get() >= ARM_NN_HOST_ISA_AVX2)
    {
        return arm_nn_host_dot_s8_avx2;
    }
#endif
    return arm_nn_host_dot_s8;
}

arm_nn_host_dot_s16_fn arm_nn_host_dot_s16_for_isa(void)
{
#if defined(__x86_64__)
    if (arm_nn_host_isa_get() >= ARM_NN_HOST_ISA_AVX2)
    {
        return arm_nn_host_dot_s16_avx2;
    }
#endif
    return arm_nn_host_dot_s16;
}
