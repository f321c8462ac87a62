/*
 * tflm-host's own implementation of the CMSIS-NN public types.
 *
 * The struct names, members and member order follow ARM-software/CMSIS-NN
 * (Include/arm_nn_types.h, API of release v6.0.0) so that code written
 * against CMSIS-NN - in particular TFLM's kernels/cmsis_nn glue - compiles
 * unchanged against this library or against the real one
 * (CMake option TFLM_HOST_CMSIS_NN_DIR). Written from the public API
 * description, not copied.
 */
#ifndef ARM_NN_TYPES_H
#define ARM_NN_TYPES_H

#include <stdbool.h>
#include <stdint.h>

/* Activation used by the s16 table lookup and by the LSTM gates. */
typedef enum
{
    ARM_SIGMOID = 0,
    ARM_TANH = 1,
} arm_nn_activation_type;

/* Status every arm_* kernel returns. */
typedef enum
{
    ARM_CMSIS_NN_SUCCESS = 0,
    ARM_CMSIS_NN_ARG_ERROR = -1,
    ARM_CMSIS_NN_NO_IMPL_ERROR = -2,
    ARM_CMSIS_NN_FAILURE = -3,
} arm_cmsis_nn_status;

/* Width and height of a stride, padding or dilation. */
typedef struct
{
    int32_t w;
    int32_t h;
} cmsis_nn_tile;

/* Scratch buffer handed to a kernel (size from its *_get_buffer_size). */
typedef struct
{
    void *buf;
    int32_t size;
} cmsis_nn_context;

/* Bias of the s16 kernels: int32 or int64 values. */
typedef struct
{
    const void *data;
    const bool is_int32_bias;
} cmsis_nn_bias_data;

/* Tensor shape. n is the batch, or the output channels of a conv filter. */
typedef struct
{
    int32_t n;
    int32_t h;
    int32_t w;
    int32_t c;
} cmsis_nn_dims;

typedef struct
{
    int32_t max_time;
    int32_t num_inputs;
    int32_t num_batches;
    int32_t num_outputs;
} cmsis_nn_lstm_dims;

/* One multiplier/shift pair per output channel. */
typedef struct
{
    int32_t *multiplier;
    int32_t *shift;
} cmsis_nn_per_channel_quant_params;

/* One multiplier/shift pair for the whole tensor. */
typedef struct
{
    int32_t multiplier;
    int32_t shift;
} cmsis_nn_per_tensor_quant_params;

/* Per-tensor or per-channel requantization, chosen by is_per_channel. */
typedef struct
{
    int32_t *multiplier;
    int32_t *shift;
    int32_t is_per_channel;
} cmsis_nn_quant_params;

/* Clamp range of the fused activation, in output units. */
typedef struct
{
    int32_t min;
    int32_t max;
} cmsis_nn_activation;

/* input_offset is minus the input zero point; output_offset is the output zero point. */
typedef struct
{
    int32_t input_offset;
    int32_t output_offset;
    cmsis_nn_tile stride;
    cmsis_nn_tile padding;
    cmsis_nn_tile dilation;
    cmsis_nn_activation activation;
} cmsis_nn_conv_params;

typedef struct
{
    int32_t input_offset;
    int32_t output_offset;
    cmsis_nn_tile stride;
    cmsis_nn_tile padding;
    cmsis_nn_tile padding_offsets;
    cmsis_nn_tile dilation;
    cmsis_nn_activation activation;
} cmsis_nn_transpose_conv_params;

typedef struct
{
    int32_t input_offset;
    int32_t output_offset;
    int32_t ch_mult; /* output channels = ch_mult * input channels */
    cmsis_nn_tile stride;
    cmsis_nn_tile padding;
    cmsis_nn_tile dilation;
    cmsis_nn_activation activation;
} cmsis_nn_dw_conv_params;

typedef struct
{
    cmsis_nn_tile stride;
    cmsis_nn_tile padding;
    cmsis_nn_activation activation;
} cmsis_nn_pool_params;

typedef struct
{
    int32_t input_offset;
    int32_t filter_offset;
    int32_t output_offset;
    cmsis_nn_activation activation;
} cmsis_nn_fc_params;

typedef struct
{
    const bool adj_x;
    const bool adj_y;
    cmsis_nn_fc_params fc_params;
} cmsis_nn_bmm_params;

typedef struct
{
    const int32_t num_dims;
    const uint32_t *permutations;
} cmsis_nn_transpose_params;

typedef struct
{
    int32_t rank;
    int32_t input_offset;
    int32_t output_offset;
    cmsis_nn_activation input_activation;
    cmsis_nn_activation output_activation;
} cmsis_nn_svdf_params;

/* The two 513-entry tables of arm_softmax_s16. */
typedef struct
{
    const int16_t *exp_lut;
    const int16_t *one_by_one_lut;
} cmsis_nn_softmax_lut_s16;

typedef struct
{
    int32_t multiplier;
    int32_t shift;
} cmsis_nn_scaling;

/* One LSTM gate: input and recurrent matmuls, each with its own scale and a
 * bias that already holds kernel_sum * input offset. */
typedef struct
{
    int32_t input_multiplier;
    int32_t input_shift;
    const void *input_weights;
    const void *input_effective_bias;

    int32_t hidden_multiplier;
    int32_t hidden_shift;
    const void *hidden_weights;
    const void *hidden_effective_bias;

    const void *bias;
    arm_nn_activation_type activation_type;
} cmsis_nn_lstm_gate;

typedef struct
{
    int32_t time_major;
    int32_t batch_size;
    int32_t time_steps;
    int32_t input_size;
    int32_t hidden_size;

    int32_t input_offset;

    int32_t forget_to_cell_multiplier;
    int32_t forget_to_cell_shift;
    int32_t input_to_cell_multiplier;
    int32_t input_to_cell_shift;
    int32_t cell_clip;
    int32_t cell_scale_power;

    int32_t output_multiplier;
    int32_t output_shift;
    int32_t output_offset;

    cmsis_nn_lstm_gate forget_gate;
    cmsis_nn_lstm_gate input_gate;
    cmsis_nn_lstm_gate cell_gate;
    cmsis_nn_lstm_gate output_gate;
} cmsis_nn_lstm_params;

/* Scratch of the LSTM kernels. hidden_state is newer CMSIS-NN's (after v6.0.0): when
 * given, the sequence starts from it and from cell_state as they are (state kept across
 * invokes, as TFLM's reference kernel keeps its variable tensors) and ends with the last
 * hidden state in it; when NULL the sequence starts from zero state, as v6.0.0 always does. */
typedef struct
{
    void *temp1;
    void *temp2;
    void *cell_state;
    void *hidden_state;
} cmsis_nn_lstm_context;

#endif /* ARM_NN_TYPES_H */
