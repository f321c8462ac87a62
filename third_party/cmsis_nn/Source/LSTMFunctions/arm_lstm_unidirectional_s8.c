/*
 * tflm-host's CMSIS-NN: arm_lstm_unidirectional_s8 (int8 activations, int32
 * biases) and arm_lstm_unidirectional_s16 (int16 activations, int64 biases),
 * int8 weights and an int16 cell state, one time step at a time:
 *   gate_g = act_g(W_g x + R_g h + b_g)    sigmoid; the cell gate's type is given
 *   c = f * c + i * g (clipped),  h = o * tanh(c),  output[t] = h
 * Each matmul folds its input offset into an effective bias (kernel sums),
 * ends in Q3.12 and is requantized on its own.
 *
 * Two deviations from CMSIS-NN's kernels, to stay bit-exact with TFLM's
 * reference LSTM (the oracle):
 *  - each half of a gate (input and recurrent matmul) is clamped to int16
 *    before the two are added (CMSIS-NN adds the unclamped recurrent half);
 *  - i * g is clamped to int16 before it is added to the cell state.
 * Both only matter when a requantized value leaves the int16 range.
 */
#include "../HostSupport/arm_nn_host_dot.h"
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

/* The dot products of the ISA in use, chosen once per call. */
typedef struct
{
    arm_nn_host_dot_s8_fn dot_s8;
    arm_nn_host_dot_s16_fn dot_s16;
} lstm_engine;

/* TFLM's MultiplyByQuantizedMultiplier for int64 accumulators (the 16x8 kernels). */
static inline int32_t requantize_s64(const int64_t value, const int32_t multiplier, const int32_t shift)
{
    const int32_t reduced = multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
    const int32_t total_shift = 15 - shift;
    const int64_t round = (int64_t)1 << (total_shift - 1);
    return (int32_t)((value * reduced + round) >> total_shift);
}

static inline int32_t clamp_s16(const int32_t v)
{
    return arm_nn_clamp(v, NN_Q15_MIN, NN_Q15_MAX);
}

/* One matmul half of a gate for `row` (cols values, int8 or int16), output channel n,
 * requantized and clamped to int16. */
static inline int32_t gate_half(const lstm_engine *engine,
                                const void *row,
                                const int32_t s16,
                                const int8_t *weights,
                                const void *effective_bias,
                                const int32_t n,
                                const int32_t cols,
                                const int32_t multiplier,
                                const int32_t shift)
{
    const int8_t *w = weights + (int64_t)n * cols;
    if (s16)
    {
        const int64_t acc = ((const int64_t *)effective_bias)[n] + engine->dot_s16((const int16_t *)row, w, cols);
        return clamp_s16(requantize_s64(acc, multiplier, shift));
    }
    /* int32 sums wrap like the target's. */
    const uint32_t acc =
        (uint32_t)((const int32_t *)effective_bias)[n] + (uint32_t)engine->dot_s8((const int8_t *)row, w, cols);
    return clamp_s16(arm_nn_requantize((int32_t)acc, multiplier, shift));
}

/* gate = act(input half + recurrent half) for `rows` rows; hidden_in NULL is a zero state. */
static void calculate_gate(const lstm_engine *engine,
                           const void *data_in,
                           const void *hidden_in,
                           const int32_t s16,
                           const cmsis_nn_lstm_gate *gate,
                           const cmsis_nn_lstm_params *params,
                           const int32_t rows,
                           int16_t *out)
{
    const int32_t in_size = params->input_size, hidden = params->hidden_size;
    const int32_t element = s16 ? 2 : 1;
    for (int32_t r = 0; r < rows; r++)
    {
        const char *x = (const char *)data_in + (int64_t)r * in_size * element;
        const char *h = hidden_in != NULL ? (const char *)hidden_in + (int64_t)r * hidden * element : NULL;
        for (int32_t n = 0; n < hidden; n++)
        {
            int32_t v = gate_half(engine, x, s16, (const int8_t *)gate->input_weights, gate->input_effective_bias, n,
                                  in_size, gate->input_multiplier, gate->input_shift);
            if (h != NULL)
            {
                v = clamp_s16(v + gate_half(engine, h, s16, (const int8_t *)gate->hidden_weights,
                                            gate->hidden_effective_bias, n, hidden, gate->hidden_multiplier,
                                            gate->hidden_shift));
            }
            out[(int64_t)r * hidden + n] = (int16_t)v;
        }
    }
    arm_nn_activation_s16(out, out, rows * hidden, 0, gate->activation_type);
}

/* clamp(requantize(a * b) + offset) elementwise. */
static inline int32_t mul_requantize(const int32_t a, const int32_t b, const int32_t multiplier, const int32_t shift)
{
    return arm_nn_requantize(a * b, multiplier, shift);
}

/* One step for `rows` rows: hidden_out gets h (the output slice), cell_state is updated. */
static void lstm_step(const lstm_engine *engine,
                      const void *data_in,
                      const void *hidden_in,
                      void *hidden_out,
                      const int32_t s16,
                      const cmsis_nn_lstm_params *params,
                      int16_t *temp1,
                      int16_t *temp2,
                      int16_t *cell_state,
                      const int32_t rows)
{
    const int32_t size = rows * params->hidden_size;
    int16_t *forget_gate = temp1, *input_gate = temp1, *cell_gate = temp2, *output_gate = temp1;
    int16_t *tanh_cell = temp2;

    calculate_gate(engine, data_in, hidden_in, s16, &params->forget_gate, params, rows, forget_gate);
    for (int32_t i = 0; i < size; i++)
    {
        cell_state[i] = (int16_t)clamp_s16(mul_requantize(
            forget_gate[i], cell_state[i], params->forget_to_cell_multiplier, params->forget_to_cell_shift));
    }

    calculate_gate(engine, data_in, hidden_in, s16, &params->input_gate, params, rows, input_gate);
    calculate_gate(engine, data_in, hidden_in, s16, &params->cell_gate, params, rows, cell_gate);
    /* cell_clip 0 means no clipping. */
    const int32_t clip_max = params->cell_clip > 0 ? params->cell_clip : NN_Q15_MAX;
    const int32_t clip_min = params->cell_clip > 0 ? -params->cell_clip : NN_Q15_MIN;
    for (int32_t i = 0; i < size; i++)
    {
        const int32_t update = clamp_s16(mul_requantize(
            input_gate[i], cell_gate[i], params->input_to_cell_multiplier, params->input_to_cell_shift));
        cell_state[i] = (int16_t)arm_nn_clamp(cell_state[i] + update, clip_min, clip_max);
    }

    calculate_gate(engine, data_in, hidden_in, s16, &params->output_gate, params, rows, output_gate);
    /* tanh reads the cell, scaled 2^cell_scale_power, in Q3.12. */
    arm_nn_activation_s16(cell_state, tanh_cell, size, params->cell_scale_power + 12, ARM_TANH);
    for (int32_t i = 0; i < size; i++)
    {
        const int32_t h =
            mul_requantize(tanh_cell[i], output_gate[i], params->output_multiplier, params->output_shift) +
            params->output_offset;
        if (s16)
        {
            ((int16_t *)hidden_out)[i] = (int16_t)clamp_s16(h);
        }
        else
        {
            ((int8_t *)hidden_out)[i] = (int8_t)arm_nn_clamp(h, NN_Q7_MIN, NN_Q7_MAX);
        }
    }
}

/* The sequence: time-major [T, B, I] steps all batches at once; batch-major
 * [B, T, I] runs each batch's sequence on its own rows of the state. */
static arm_cmsis_nn_status lstm_unidirectional(const void *input,
                                               void *output,
                                               const int32_t s16,
                                               const cmsis_nn_lstm_params *params,
                                               cmsis_nn_lstm_context *buffers)
{
    const lstm_engine engine = {arm_nn_host_dot_s8_for_isa(), arm_nn_host_dot_s16_for_isa()};
    const int32_t element = s16 ? 2 : 1;
    const int32_t batches = params->batch_size, steps = params->time_steps;
    const int64_t in_row = (int64_t)params->input_size * element;
    const int64_t out_row = (int64_t)params->hidden_size * element;
    int16_t *temp1 = (int16_t *)buffers->temp1, *temp2 = (int16_t *)buffers->temp2;
    int16_t *cell = (int16_t *)buffers->cell_state;
    char *hidden_state = (char *)buffers->hidden_state;
    if (hidden_state == NULL)
    {
        memset(cell, 0, (size_t)batches * params->hidden_size * sizeof(int16_t));
    }

    if (params->time_major)
    {
        const void *hidden_in = hidden_state;
        for (int32_t t = 0; t < steps; t++)
        {
            char *hidden_out = (char *)output + t * batches * out_row;
            lstm_step(&engine, (const char *)input + t * batches * in_row, hidden_in, hidden_out, s16, params, temp1, temp2,
                      cell, batches);
            hidden_in = hidden_out;
        }
        if (hidden_state != NULL && steps > 0)
        {
            memcpy(hidden_state, hidden_in, (size_t)(batches * out_row));
        }
        return ARM_CMSIS_NN_SUCCESS;
    }
    for (int32_t b = 0; b < batches; b++)
    {
        const void *hidden_in = hidden_state != NULL ? hidden_state + b * out_row : NULL;
        int16_t *batch_cell = cell + (int64_t)b * params->hidden_size;
        for (int32_t t = 0; t < steps; t++)
        {
            const int64_t row = (int64_t)b * steps + t;
            char *hidden_out = (char *)output + row * out_row;
            lstm_step(&engine, (const char *)input + row * in_row, hidden_in, hidden_out, s16, params, temp1, temp2,
                      batch_cell, 1);
            hidden_in = hidden_out;
        }
        if (hidden_state != NULL && steps > 0)
        {
            memcpy(hidden_state + b * out_row, hidden_in, (size_t)out_row);
        }
    }
    return ARM_CMSIS_NN_SUCCESS;
}

arm_cmsis_nn_status arm_lstm_unidirectional_s8(const int8_t *input,
                                               int8_t *output,
                                               const cmsis_nn_lstm_params *params,
                                               cmsis_nn_lstm_context *buffers)
{
    return lstm_unidirectional(input, output, 0, params, buffers);
}

arm_cmsis_nn_status arm_lstm_unidirectional_s16(const int16_t *input,
                                                int16_t *output,
                                                const cmsis_nn_lstm_params *params,
                                                cmsis_nn_lstm_context *buffers)
{
    return lstm_unidirectional(input, output, 1, params, buffers);
}
