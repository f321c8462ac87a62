/*
 * tflm-host's CMSIS-NN: the kernel sums TFLM's LSTM glue folds into the gate
 * biases: vector_sum_buf[r] = lhs_offset * sum(row r) (+ bias_data[r]).
 */
#include "arm_nnfunctions.h"

arm_cmsis_nn_status arm_vector_sum_s8_s64(int64_t *vector_sum_buf,
                                          const int32_t vector_cols,
                                          const int32_t vector_rows,
                                          const int8_t *vector_data,
                                          const int32_t lhs_offset,
                                          const int64_t *bias_data)
{
    for (int32_t r = 0; r < vector_rows; r++)
    {
        int64_t sum = 0;
        for (int32_t c = 0; c < vector_cols; c++)
        {
            sum += vector_data[(int64_t)r * vector_cols + c];
        }
        vector_sum_buf[r] = lhs_offset * sum + (bias_data != NULL ? bias_data[r] : 0);
    }
    return ARM_CMSIS_NN_SUCCESS;
}

/* The int32 version; the fully connected kernels' branch defines it too, and
 * that definition wins over this weak one (int32 sums wrap like the target's). */
__attribute__((weak)) arm_cmsis_nn_status arm_vector_sum_s8(int32_t *vector_sum_buf,
                                                           const int32_t vector_cols,
                                                           const int32_t vector_rows,
                                                           const int8_t *vector_data,
                                                           const int32_t lhs_offset,
                                                           const int32_t *bias_data)
{
    for (int32_t r = 0; r < vector_rows; r++)
    {
        uint32_t sum = 0;
        for (int32_t c = 0; c < vector_cols; c++)
        {
            sum += (uint32_t)(int32_t)vector_data[(int64_t)r * vector_cols + c];
        }
        const uint32_t bias = bias_data != NULL ? (uint32_t)bias_data[r] : 0u;
        vector_sum_buf[r] = (int32_t)(sum * (uint32_t)lhs_offset + bias);
    }
    return ARM_CMSIS_NN_SUCCESS;
}
