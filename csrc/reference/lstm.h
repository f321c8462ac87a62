// Standard LSTM (no peephole, projection or layer norm) as TFLM's lstm_eval computes it, one
// time step at a time:
//   gate_g = act_g(W_g x + b_g + R_g h)   act = sigmoid, tanh for the cell gate
//   c = f * c + i * g (then clipped),      h = o * tanh(c),   output[t] = h
// Float runs everything in float. Quantized runs int8 (or int16) activations with int8 weights:
// each gate's two fully connected halves produce int16 in Q3.12, the activations give Q0.15,
// and the cell state is int16 with a power-of-two scale.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>

#include "reference/fully_connected.h"
#include "reference/logistic.h"
#include "reference/quantization.h"
#include "reference/sigmoid_int16.h"
#include "reference/tanh.h"

namespace tflm_host {
namespace reference {

enum LstmGate { kLstmInputGate = 0, kLstmForgetGate = 1, kLstmCellGate = 2, kLstmOutputGate = 3 };

// One quantized fully connected half of a gate: int8/int16 in, int16 (Q3.12) out.
struct LstmFcParams {
  int32_t input_offset = 0;
  int32_t weights_offset = 0;
  int32_t multiplier = 0;
  int shift = 0;
};

// An elementwise product of two Q0.15 (or cell) values, requantized to the output.
struct LstmMulParams {
  int32_t output_offset = 0;
  int32_t multiplier = 0;
  int shift = 0;
  int32_t act_min = 0, act_max = 0;
};

struct LstmParams {
  int batch = 0, time_steps = 0, input_dim = 0, state_dim = 0;
  bool time_major = false;
  // Quantized only: per gate, the input and the recurrent half.
  LstmFcParams input_fc[4], recurrent_fc[4];
  LstmMulParams forget_times_cell, input_times_cell_gate, output_times_tanh_cell;
  int32_t tanh_cell_multiplier = 0, tanh_cell_shift = 0;  // tanh(cell) input rescale
  bool cell_gate_tanh = true;      // false: the cell gate keeps its pre-activation sum
  float cell_clip = 0.0f;          // float; clipping only when > 0
  int16_t quantized_cell_clip = 0;
};

template <typename WeightType, typename BiasType>
struct LstmWeights {
  const WeightType* input[4];      // [state_dim, input_dim] per gate
  const WeightType* recurrent[4];  // [state_dim, state_dim] per gate
  const BiasType* bias[4];         // [state_dim] per gate
};

namespace lstm_detail {

inline void GateFullyConnected(const LstmFcParams&, int rows, int depth, int units,
                               const float* input, const float* weights, const float* bias,
                               float* out) {
  FullyConnectedFloat(std::numeric_limits<float>::lowest(), std::numeric_limits<float>::max(),
                      rows, depth, units, input, weights, bias, out);
}

// The accumulator has the bias type: int32 for int8 inputs, int64 for int16 inputs.
template <typename InputType, typename AccType>
inline void GateFullyConnected(const LstmFcParams& p, int rows, int depth, int units,
                               const InputType* input, const int8_t* weights,
                               const AccType* bias, int16_t* out) {
  for (int r = 0; r < rows; ++r) {
    const InputType* in = input + r * depth;
    for (int n = 0; n < units; ++n) {
      const int8_t* w = weights + n * depth;
      AccType acc = 0;
      for (int k = 0; k < depth; ++k)
        acc += (w[k] + p.weights_offset) * (in[k] + p.input_offset);
      if (bias != nullptr) acc += bias[n];
      const int32_t scaled = MultiplyByQuantizedMultiplier(acc, p.multiplier, p.shift);
      out[r * units + n] = static_cast<int16_t>(std::min<int32_t>(
          std::max<int32_t>(scaled, std::numeric_limits<int16_t>::min()),
          std::numeric_limits<int16_t>::max()));
    }
  }
}

inline void AddInPlace(int n, const float* other, float* acc) {
  for (int i = 0; i < n; ++i) acc[i] = acc[i] + other[i];
}
inline void AddInPlace(int n, const int16_t* other, int16_t* acc) {
  for (int i = 0; i < n; ++i)
    acc[i] = static_cast<int16_t>(std::min<int32_t>(std::max<int32_t>(acc[i] + other[i], -32768),
                                                    32767));
}

inline void Sigmoid(int n, float* data) { LogisticFloat(n, data, data); }
// Gate sums are Q3.12: the table's native input format.
inline void Sigmoid(int n, int16_t* data) { LogisticInt16(0, 0, n, data, data); }

inline void Tanh(int32_t, int32_t, int n, const float* in, float* out) { TanhFloat(n, in, out); }
inline void Tanh(int32_t multiplier, int32_t shift, int n, const int16_t* in, int16_t* out) {
  TanhInt16(multiplier, shift, n, in, out);
}

inline void Mul(const LstmMulParams&, int n, const float* a, const float* b, float* out) {
  for (int i = 0; i < n; ++i) out[i] = a[i] * b[i];
}
template <typename OutputType>
inline void Mul(const LstmMulParams& p, int n, const int16_t* a, const int16_t* b,
                OutputType* out) {
  for (int i = 0; i < n; ++i) {
    const int32_t product = static_cast<int32_t>(a[i]) * b[i];
    const int32_t v =
        p.output_offset + MultiplyByQuantizedMultiplier(product, p.multiplier, p.shift);
    out[i] = static_cast<OutputType>(std::min(std::max(v, p.act_min), p.act_max));
  }
}

inline void ClipCell(const LstmParams& p, int n, float* cell) {
  if (p.cell_clip <= 0.0f) return;
  for (int i = 0; i < n; ++i) cell[i] = std::max(std::min(p.cell_clip, cell[i]), -p.cell_clip);
}
inline void ClipCell(const LstmParams& p, int n, int16_t* cell) {
  if (p.cell_clip <= 0.0f) return;
  const int16_t hi = p.quantized_cell_clip, lo = static_cast<int16_t>(-hi);
  for (int i = 0; i < n; ++i) cell[i] = std::max(std::min(hi, cell[i]), lo);
}

// gate = act(W x + b + R h) for `rows` batch rows; `scratch` holds the recurrent half.
template <typename ActType, typename WeightType, typename CellType, typename BiasType>
inline void Gate(const LstmParams& p, const LstmWeights<WeightType, BiasType>& w, int gate,
                 int rows, const ActType* input, const ActType* hidden, CellType* out,
                 CellType* scratch) {
  const int n = rows * p.state_dim;
  GateFullyConnected(p.input_fc[gate], rows, p.input_dim, p.state_dim, input, w.input[gate],
                     w.bias[gate], out);
  GateFullyConnected(p.recurrent_fc[gate], rows, p.state_dim, p.state_dim, hidden,
                     w.recurrent[gate], static_cast<const BiasType*>(nullptr), scratch);
  AddInPlace(n, scratch, out);
  if (gate != kLstmCellGate) {
    Sigmoid(n, out);
  } else if (p.cell_gate_tanh) {
    Tanh(3, 0, n, out, out);  // Q3.12 in: the rescale for a 2^-12 input scale
  }
}

}  // namespace lstm_detail

// One time step for `rows` batch rows; buffers are four scratch arrays of rows * state_dim.
template <typename ActType, typename WeightType, typename CellType, typename BiasType>
inline void LstmStep(const LstmParams& p, const LstmWeights<WeightType, BiasType>& w, int rows,
                     const ActType* input, ActType* hidden, CellType* cell, ActType* output,
                     CellType* const buffers[4]) {
  using namespace lstm_detail;
  const int n = rows * p.state_dim;
  CellType *forget = buffers[0], *input_gate = buffers[1], *cell_gate = buffers[2];
  CellType* scratch = buffers[3];
  Gate(p, w, kLstmForgetGate, rows, input, hidden, forget, scratch);
  Gate(p, w, kLstmInputGate, rows, input, hidden, input_gate, scratch);
  Gate(p, w, kLstmCellGate, rows, input, hidden, cell_gate, scratch);

  Mul(p.forget_times_cell, n, forget, cell, cell);
  Mul(p.input_times_cell_gate, n, input_gate, cell_gate, input_gate);
  AddInPlace(n, input_gate, cell);
  ClipCell(p, n, cell);

  CellType* output_gate = buffers[1];
  CellType* tanh_cell = buffers[0];
  Gate(p, w, kLstmOutputGate, rows, input, hidden, output_gate, scratch);
  Tanh(p.tanh_cell_multiplier, p.tanh_cell_shift, n, cell, tanh_cell);
  Mul(p.output_times_tanh_cell, n, tanh_cell, output_gate, hidden);
  std::memcpy(output, hidden, sizeof(ActType) * n);
}

// The whole sequence. Time-major input [T, B, I] steps all batches at once; batch-major
// [B, T, I] runs each batch's sequence on its own rows of the state.
template <typename ActType, typename WeightType, typename CellType, typename BiasType>
inline void Lstm(const LstmParams& p, const LstmWeights<WeightType, BiasType>& w,
                 const ActType* input, ActType* hidden, CellType* cell, ActType* output,
                 CellType* const buffers[4]) {
  const int in_step = p.input_dim, out_step = p.state_dim;
  if (p.time_major) {
    for (int t = 0; t < p.time_steps; ++t)
      LstmStep(p, w, p.batch, input + t * p.batch * in_step, hidden, cell,
               output + t * p.batch * out_step, buffers);
    return;
  }
  for (int b = 0; b < p.batch; ++b)
    for (int t = 0; t < p.time_steps; ++t) {
      const int row = b * p.time_steps + t;
      LstmStep(p, w, 1, input + row * in_step, hidden + b * p.state_dim,
               cell + b * p.state_dim, output + row * out_step, buffers);
    }
}

}  // namespace reference
}  // namespace tflm_host
