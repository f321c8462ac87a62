/*
 * tflm-host's CMSIS-NN: arm_elementwise_mul_s8 and arm_elementwise_mul_s16
 * (same shapes, no broadcast: TFLM's glue runs its reference kernel for that).
 */
#include "arm_nn_host_elementwise.h"
#include "arm_nn_host_isa.h"
#include "arm_nnfunctions.h"

arm_cmsis_nn_status arm_elementwise_mul_s8(const int8_t *input_1_vect,
                                           const int8_t *input_2_vect,
                                           const int32_t input_1_offset,
                                           const int32_t input_2_offset,
                                           int8_t *output,
                                           const int32_t out_offset,
                                           const int32_t out_mult,
                                           const int32_t out_shift,
                                           const int32_t out_activation_min,
                                           const int32_t out_activation_max,
                                           const int32_t block_size)
{
    const arm_nn_host_mul_params p = {
        input_1_offset, input_2_offset, out_offset, out_mult, out_shift, out_activation_min, out_activation_max};
#if defined(__x86_64__)
    if (arm_nn_host_isa_get() >= ARM_NN_HOST_ISA_AVX2)
    {
        arm_nn_host_mul_s8_avx2(input_1_vect, input_2_vect, output, block_size, &p);
        return ARM_CMSIS_NN_SUCCESS;
    }
#endif
    for (int32_t i = 0; i < block_size; i++)
    {
        output[i] = (int8_t)arm_nn_host_mul_element(input_1_vect[i], input_2_vect[i], &p);
    }
    return ARM_CMSIS_NN_SUCCESS;
}

arm_cmsis_nn_status arm_elementwise_mul_s16(const int16_t *input_1_vect,
                                            const int16_t *input_2_vect,
                                            const int32_t input_1_offset,
                                            const int32_t input_2_offset,
                                            int16_t *output,
                                            const int32_t out_offset,
                                            const int32_t out_mult,
                                            const int32_t out_shift,
                                            const int32_t out_activation_min,
                                            const int32_t out_activation_max,
                                            const int32_t block_size)
{
    const arm_nn_host_mul_params p = {
        input_1_offset, input_2_offset, out_offset, out_mult, out_shift, out_activation_min, out_activation_max};
#if defined(__x86_64__)
    if (arm_nn_host_isa_get() >= ARM_NN_HOST_ISA_AVX2)
    {
        arm_nn_host_mul_s16_avx2(input_1_vect, input_2_vect, output, block_size, &p);
        return ARM_CMSIS_NN_SUCCESS;
    }
#endif
    for (int32_t i = 0; i < block_size; i++)
    {
        output[i] = (int16_t)arm_nn_host_mul_element(input_1_vect[i], input_2_vect[i], &p);
    }
    return ARM_CMSIS_NN_SUCCESS;
}
