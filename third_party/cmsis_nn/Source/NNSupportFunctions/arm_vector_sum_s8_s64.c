/*
 * tflm-host's CMSIS-NN: the int64 kernel sums TFLM's 16x8 LSTM glue folds into
 * the gate biases: vector_sum_buf[r] = lhs_offset * sum(row r) (+ bias_data[r]).
 * (The int32 arm_vector_sum_s8 is in arm_fully_connected_s8.c.)
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

