"""Kernel-contract fuzzing: one-operator models that break what a kernel's Prepare must check.

A case starts from a plausible seed model of one op (`seed_spec`) and applies a few
mutations (`MUTATIONS`): wrong arity, omitted optional inputs, other tensor types, ranks
0..7, zero-size and huge dims, broken quantization, non-constant parameters, out-of-range
options, garbage custom options. `run_cases` builds each model and runs it in a worker
subprocess (kernel_fuzz_worker.py) so that a crash or hang names the op and the case
instead of killing pytest.

Outcome contract: the model runs, or tflm_host raises one of its errors (or ValueError /
TypeError) with a message. Anything else - a signal, an abort, a hang, another exception
type - is a failure.

Longer runs by hand: TFLM_FUZZ_CASES=400 (cases per op) and TFLM_FUZZ_SEED=n (other
cases than the derandomized default) for pytest tests/test_kernel_fuzz.py. Set
TFLM_FUZZ_CORE to a _core extension built with -fsanitize=address (and TFLM_FUZZ_PRELOAD
to libasan and libstdc++) to catch memory errors that don't crash; tools/asan_fuzz.sh
does both.
"""
from __future__ import annotations

import json
import os
import pickle
import selectors
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from flatbuffers import flexbuffers

from tflm_host._schema import ENUMS, TABLES
from tflm_host.builder import ModelBuilder, options_table_for

WORKER = Path(__file__).with_name("kernel_fuzz_worker.py")
CASE_TIMEOUT_S = float(os.environ.get("TFLM_FUZZ_TIMEOUT", "20"))

# Types a mutation may give a tensor: everything ModelBuilder and the loader know.
ALL_TYPES = ("FLOAT32", "FLOAT16", "FLOAT64", "INT8", "UINT8", "INT16", "UINT16", "INT32",
             "UINT32", "INT64", "UINT64", "BOOL", "INT4", "STRING", "COMPLEX64", "RESOURCE")
_NP = {"FLOAT32": np.float32, "FLOAT16": np.float16, "FLOAT64": np.float64, "INT8": np.int8,
       "UINT8": np.uint8, "INT16": np.int16, "UINT16": np.uint16, "INT32": np.int32,
       "UINT32": np.uint32, "INT64": np.int64, "UINT64": np.uint64, "BOOL": np.bool_}
HUGE = 1 << 30


@dataclass
class TensorSpec:
    shape: list
    dtype: str
    data: object = None          # constant values (anything np.asarray takes), None: activation
    scale: object = None         # float or list; None: no quantization
    zero_point: object = 0
    axis: int = 0
    variable: bool = False


@dataclass
class Spec:
    op: str
    tensors: list
    inputs: list                  # tensor indices; -1 = omitted optional input
    outputs: list
    options: dict = field(default_factory=dict)
    custom_options: bytes | None = None   # raw bytes; else flex_options as a FlexBuffer map
    notes: list = field(default_factory=list)
    flex_options: dict | None = None
    extra_ops: list = field(default_factory=list)   # (op, inputs, outputs, options) run first
    subgraphs: list = field(default_factory=list)   # SubgraphSpec: 1, 2, ... (control flow)

    def describe(self) -> str:
        parts = []
        for i, t in enumerate(self.tensors):
            kind = "const" if t.data is not None else ("var" if t.variable else "act")
            q = "" if t.scale is None else f" q(scale={t.scale}, zp={t.zero_point}, axis={t.axis})"
            parts.append(f"t{i}={t.dtype}{list(t.shape)} {kind}{q}")
        return (f"{self.op} inputs={self.inputs} outputs={self.outputs} options={self.options}"
                f" custom_options={self.custom_options!r} mutations={self.notes}; "
                + "; ".join(parts))


@dataclass
class SubgraphSpec:
    tensors: list
    ops: list          # (op, inputs, outputs, options)
    outputs: list
    inputs: list = field(default_factory=lambda: [0, 1])


# -- seeds ---------------------------------------------------------------------------------
def _quant(dtype: str) -> dict:
    if dtype in ("INT8", "UINT8"):
        return {"scale": 0.05, "zero_point": 0 if dtype == "INT8" else 128}
    if dtype == "INT16":
        return {"scale": 0.001, "zero_point": 0}
    return {}


def _act(shape, dtype, **kw) -> TensorSpec:
    return TensorSpec(list(shape), dtype, **{**_quant(dtype), **kw})


def _const(values, dtype, **kw) -> TensorSpec:
    arr = np.asarray(values, dtype=_NP[dtype])
    return TensorSpec(list(arr.shape), dtype, data=arr, **kw)


def _bias(n, dtype, in_scale=0.05, w_scale=0.02) -> TensorSpec:
    if dtype == "FLOAT32":
        return _const(np.linspace(-1, 1, n), "FLOAT32")
    bias_type = "INT64" if dtype == "INT16" else "INT32"
    return _const(np.arange(n) - n // 2, bias_type, scale=in_scale * w_scale, zero_point=0)


def _weights(shape, dtype, axis=0) -> TensorSpec:
    count = int(np.prod(shape))
    if dtype == "FLOAT32":
        return _const(np.linspace(-1, 1, count).reshape(shape), "FLOAT32")
    values = (np.arange(count) % 7 - 3).reshape(shape)
    return _const(values, "INT8", scale=[0.02] * shape[axis], zero_point=[0] * shape[axis],
                  axis=axis)


def seed_spec(op: str, dtype: str) -> Spec:
    """A plausible (usually valid) model of `op` on input type `dtype`."""
    x4 = lambda shape=(1, 4, 4, 3), t=dtype: _act(shape, t)
    i32 = lambda v: _const(v, "INT32")
    ew = lambda n_in, shape=(1, 4, 4, 3): Spec(op, [x4(shape) for _ in range(n_in + 1)],
                                               list(range(n_in)), [n_in])
    if op in ("ADD", "SUB", "MUL", "DIV", "FLOOR_DIV", "FLOOR_MOD", "MAXIMUM", "MINIMUM",
              "SQUARED_DIFFERENCE"):
        return ew(2)
    if op in ("EQUAL", "NOT_EQUAL", "LESS", "LESS_EQUAL", "GREATER", "GREATER_EQUAL"):
        return Spec(op, [x4(), x4(), _act((1, 4, 4, 3), "BOOL")], [0, 1], [2])
    if op in ("LOGICAL_AND", "LOGICAL_OR", "LOGICAL_NOT"):
        n = 1 if op == "LOGICAL_NOT" else 2
        return Spec(op, [_act((2, 3), "BOOL") for _ in range(n + 1)], list(range(n)), [n])
    if op == "SELECT_V2":
        return Spec(op, [_act((2, 3), "BOOL"), x4((2, 3)), x4((2, 3)), x4((2, 3))], [0, 1, 2], [3])
    if op == "CAST":
        return Spec(op, [x4((2, 3)), _act((2, 3), "INT32" if dtype != "INT32" else "FLOAT32")],
                    [0], [1])
    if op in ("ARG_MAX", "ARG_MIN"):
        return Spec(op, [x4((2, 5)), i32([1]), _act((2,), "INT32")], [0, 1], [2],
                    {"output_type": 2})
    if op == "CUMSUM":
        return Spec(op, [x4((2, 5)), TensorSpec([], "INT32", data=np.int32(1)), x4((2, 5))],
                    [0, 1], [2], {"exclusive": False, "reverse": False})
    if op in ("SUM", "REDUCE_MAX", "REDUCE_MIN", "REDUCE_PROD"):
        return Spec(op, [x4(), i32([1, 2]), x4((1, 3))], [0, 1], [2], {"keep_dims": False})
    if op in ("RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR"):
        return Spec(op, [x4((1, 2, 2, 3)), i32([4, 4]), x4((1, 4, 4, 3))], [0, 1], [2])
    if op == "BATCH_MATMUL":
        return Spec(op, [x4((2, 3)), x4((3, 4)), x4((2, 4))], [0, 1], [2])
    if op == "LOG_SOFTMAX" and dtype == "INT8":
        return Spec(op, [x4((2, 5)), _act((2, 5), "INT8", scale=16 / 256, zero_point=127)],
                    [0], [1])
    if op == "L2_NORMALIZATION" and dtype == "INT8":
        return Spec(op, [x4(), _act((1, 4, 4, 3), "INT8", scale=1 / 128, zero_point=0)], [0], [1])
    if op.startswith("Signal"):
        return _signal_seed(op)
    if op in ("LOGISTIC", "TANH", "RELU", "RELU6", "ZEROS_LIKE"):
        s = ew(1)
        if op == "LOGISTIC" and dtype == "INT8":   # TFLM requires this output quantization
            s.tensors[1] = _act((1, 4, 4, 3), "INT8", scale=1 / 256, zero_point=-128)
        if op in ("LOGISTIC", "TANH") and dtype == "INT16":
            s.tensors[1] = _act((1, 4, 4, 3), "INT16", scale=2.0 ** -15, zero_point=0)
        return s
    if op == "SOFTMAX":
        s = ew(1, (2, 5))
        s.options = {"beta": 1.0}
        if dtype == "INT8":
            s.tensors[1] = _act((2, 5), "INT8", scale=1 / 256, zero_point=-128)
        if dtype == "INT16":
            s.tensors[1] = _act((2, 5), "INT16", scale=1 / 32768, zero_point=0)
        return s
    if op in ("AVERAGE_POOL_2D", "MAX_POOL_2D"):
        return Spec(op, [x4(), x4((1, 2, 2, 3))], [0], [1],
                    {"padding": 1, "stride_w": 2, "stride_h": 2, "filter_width": 2,
                     "filter_height": 2})
    if op == "CONV_2D":
        return Spec(op, [x4((1, 5, 5, 2)), _weights((3, 3, 3, 2), dtype), _bias(3, dtype),
                         x4((1, 3, 3, 3))], [0, 1, 2], [3],
                    {"padding": 1, "stride_w": 1, "stride_h": 1, "dilation_w_factor": 1,
                     "dilation_h_factor": 1})
    if op == "DEPTHWISE_CONV_2D":
        return Spec(op, [x4((1, 5, 5, 2)), _weights((1, 3, 3, 4), dtype, axis=3),
                         _bias(4, dtype), x4((1, 3, 3, 4))], [0, 1, 2], [3],
                    {"padding": 1, "stride_w": 1, "stride_h": 1, "depth_multiplier": 2,
                     "dilation_w_factor": 1, "dilation_h_factor": 1})
    if op == "FULLY_CONNECTED":
        return Spec(op, [x4((2, 4)), _weights((3, 4), dtype), _bias(3, dtype), x4((2, 3))],
                    [0, 1, 2], [3])
    if op == "BATCH_TO_SPACE_ND":
        return Spec(op, [x4((4, 2, 2, 1)), i32([2, 2]), i32([[0, 0], [0, 0]]),
                         x4((1, 4, 4, 1))], [0, 1, 2], [3])
    if op == "SPACE_TO_BATCH_ND":
        return Spec(op, [x4((1, 4, 4, 1)), i32([2, 2]), i32([[0, 0], [0, 0]]),
                         x4((4, 2, 2, 1))], [0, 1, 2], [3])
    if op == "DEPTH_TO_SPACE":
        return Spec(op, [x4((1, 2, 2, 4)), x4((1, 4, 4, 1))], [0], [1], {"block_size": 2})
    if op == "SPACE_TO_DEPTH":
        return Spec(op, [x4((1, 4, 4, 1)), x4((1, 2, 2, 4))], [0], [1], {"block_size": 2})
    if op == "BROADCAST_ARGS":
        t = dtype if dtype in ("INT32", "INT64") else "INT32"
        return Spec(op, [_act((2,), t), _act((2,), t), _act((2,), t)], [0, 1], [2])
    if op == "BROADCAST_TO":
        return Spec(op, [x4((1, 3)), i32([2, 3]), x4((2, 3))], [0, 1], [2])
    if op == "CONCATENATION":
        return Spec(op, [x4((2, 3)), x4((2, 2)), x4((2, 5))], [0, 1], [2], {"axis": 1})
    if op == "DEQUANTIZE":
        return Spec(op, [x4((2, 3)), _act((2, 3), "FLOAT32")], [0], [1])
    if op == "QUANTIZE":
        source = _act((2, 3), dtype, scale=0.05) if dtype == "INT32" else x4((2, 3))
        return Spec(op, [source, _act((2, 3), "INT8")], [0], [1])
    if op == "EMBEDDING_LOOKUP":
        return Spec(op, [_act((2,), "INT32"), _act((4, 3), "FLOAT32"), _act((2, 3), "FLOAT32")],
                    [0, 1], [2])
    if op == "EXPAND_DIMS":
        return Spec(op, [x4((2, 3)), i32([1]), x4((2, 1, 3))], [0, 1], [2])
    if op == "FILL":
        return Spec(op, [i32([2, 3]), TensorSpec([], "FLOAT32", data=np.float32(1.5)),
                         _act((2, 3), "FLOAT32")], [0, 1], [2])
    if op == "GATHER":
        return Spec(op, [x4((4, 3)), _act((2,), "INT32"), x4((2, 3))], [0, 1], [2],
                    {"axis": 0, "batch_dims": 0})
    if op == "GATHER_ND":
        return Spec(op, [x4((4, 3)), _act((2, 1), "INT32"), x4((2, 3))], [0, 1], [2])
    if op == "MEAN":
        return Spec(op, [x4(), i32([1, 2]), x4((1, 1, 1, 3))], [0, 1], [2], {"keep_dims": True})
    if op == "MIRROR_PAD":
        return Spec(op, [x4(), i32([[0, 0], [1, 1], [1, 1], [0, 0]]), x4((1, 6, 6, 3))],
                    [0, 1], [2], {"mode": 0})
    if op in ("PAD", "PADV2"):
        tensors = [x4(), i32([[0, 0], [1, 1], [1, 1], [0, 0]]), x4((1, 6, 6, 3))]
        if op == "PADV2":
            value = TensorSpec([], dtype, data=np.zeros((), _NP.get(dtype, np.float32)),
                               **_quant(dtype))
            tensors.insert(2, value)
            return Spec(op, tensors, [0, 1, 2], [3])
        return Spec(op, tensors, [0, 1], [2])
    if op == "RESHAPE":
        return Spec(op, [x4((2, 6)), i32([3, 4]), x4((3, 4))], [0, 1], [2], {"new_shape": [3, 4]})
    if op == "SHAPE":
        return Spec(op, [x4((2, 6)), _act((2,), "INT32")], [0], [1], {"out_type": 2})
    if op == "SPLIT":
        return Spec(op, [TensorSpec([], "INT32", data=np.int32(1)), x4((2, 6)), x4((2, 3)),
                         x4((2, 3))], [0, 1], [2, 3], {"num_splits": 2})
    if op == "SPLIT_V":
        return Spec(op, [x4((2, 6)), i32([2, 4]), TensorSpec([], "INT32", data=np.int32(1)),
                         x4((2, 2)), x4((2, 4))], [0, 1, 2], [3, 4], {"num_splits": 2})
    if op == "SQUEEZE":
        return Spec(op, [x4((1, 4, 1, 3)), x4((4, 3))], [0], [1], {"squeeze_dims": [0, 2]})
    if op == "STRIDED_SLICE":
        return Spec(op, [x4((4, 6)), i32([0, 1]), i32([4, 5]), i32([2, 2]), x4((2, 2))],
                    [0, 1, 2, 3], [4], {"begin_mask": 0, "end_mask": 0})
    if op == "TRANSPOSE":
        return Spec(op, [x4((2, 3, 4)), i32([2, 0, 1]), x4((4, 2, 3))], [0, 1], [2])
    if op == "PACK":
        return Spec(op, [x4((2, 3)), x4((2, 3)), x4((2, 2, 3))], [0, 1], [2],
                    {"values_count": 2, "axis": 0})
    if op == "UNPACK":
        return Spec(op, [x4((3, 4)), x4((4,)), x4((4,)), x4((4,))], [0], [1, 2, 3],
                    {"num": 3, "axis": 0})
    if op == "UNIDIRECTIONAL_SEQUENCE_LSTM":
        return _lstm_seed(dtype)
    if op == "LEAKY_RELU":
        s = ew(1)
        s.options = {"alpha": 0.2}
        return s
    if op == "PRELU":
        alpha = _const([0.25, 0.5, -0.5], "FLOAT32") if dtype == "FLOAT32" else \
            _const([10, 20, -20], "INT8", scale=0.02, zero_point=0)
        return Spec(op, [x4(), alpha, x4()], [0, 1], [2])
    if op == "TRANSPOSE_CONV":
        t = dtype if dtype in ("FLOAT32", "INT8", "INT16") else "FLOAT32"
        return Spec(op, [i32([1, 4, 4, 2]), _weights((2, 3, 3, 1), t), _act((1, 2, 2, 1), t),
                         _bias(2, t), _act((1, 4, 4, 2), t)], [0, 1, 2, 3], [4],
                    {"padding": 1, "stride_w": 1, "stride_h": 1})
    if op in ("IF", "WHILE", "CALL_ONCE", "VAR_HANDLE", "READ_VARIABLE", "ASSIGN_VARIABLE"):
        return _control_seed(op)
    # An op this table does not know yet: one input, one output of the same shape.
    return ew(1)


def _signal_seed(op: str) -> Spec:
    """TFLM signal-library custom ops, their options as a FlexBuffer map."""
    i16 = lambda shape: _act(shape, "INT16")
    u32 = lambda shape: _act(shape, "UINT32")
    flag = TensorSpec([], "BOOL")
    seeds = {
        "SignalWindow": ([i16([4]), _const([1, 2, 3, 4], "INT16"), i16([4])], {"shift": 1}),
        "SignalFftAutoScale": ([i16([16]), i16([16]), _act([], "INT32")], {}),
        "SignalRfft": ([i16([2, 64]), i16([2, 66])], {"T": 7, "fft_length": 64}),
        "SignalIrfft": ([i16([2, 66]), i16([2, 64])], {"T": 7, "fft_length": 64}),
        "SignalEnergy": ([i16([66]), u32([33])], {"end_index": 20, "start_index": 5}),
        "SignalFilterBankSquareRoot": ([_act([8], "UINT64"), _act([], "INT32"), u32([8])], {}),
        "SignalFilterBankLog": ([u32([8]), i16([8])],
                                {"input_correction_bits": 3, "output_scale": 1600}),
        "SignalFilterBankSpectralSubtraction": (
            [u32([8]), u32([8]), u32([8])],
            {"alternate_one_minus_smoothing": 15401, "alternate_smoothing": 983,
             "clamping": False, "min_signal_remaining": 819, "num_channels": 8,
             "one_minus_smoothing": 15975, "smoothing": 409, "smoothing_bits": 10,
             "spectral_subtraction_bits": 14}),
        "SignalPCAN": ([u32([8]), u32([8]), _const(np.zeros(125), "INT16"), u32([8])],
                       {"snr_shift": 6}),
        "SignalDelay": ([i16([2, 10]), i16([2, 10])], {"delay_length": 3}),
        "SignalFramer": ([i16([3, 8]), i16([3, 2, 6]), flag],
                         {"frame_size": 6, "frame_step": 4, "prefill": True}),
        "SignalStacker": ([i16([4]), i16([12]), flag],
                          {"num_channels": 4, "stacker_left_context": 1,
                           "stacker_right_context": 1, "stacker_step": 1}),
    }
    if op not in seeds:
        return Spec(op, [i16([4]), i16([4])], [0], [1], flex_options={})
    tensors, options = seeds[op]
    n_out = {"SignalFftAutoScale": 2, "SignalFilterBankSpectralSubtraction": 2,
             "SignalFramer": 2, "SignalStacker": 2}.get(op, 1)
    n_in = len(tensors) - n_out
    return Spec(op, tensors, list(range(n_in)), list(range(n_in, len(tensors))),
                flex_options=dict(options))


def _control_seed(op: str) -> Spec:
    """Control flow and resource variables, with the subgraphs and ops they need."""
    f32 = lambda shape=(2, 3): _act(shape, "FLOAT32")
    i32 = lambda v: _const(v, "INT32")
    names = {"container": "", "shared_name": "v"}
    if op == "IF":        # IF(cond, x): then x + x, else x * x
        branch = lambda o: SubgraphSpec([f32(), f32()], [(o, [0, 0], [1], {})], [1], [0])
        return Spec(op, [_act((1,), "BOOL"), f32(), f32()], [0, 1], [2],
                    {"then_subgraph_index": 1, "else_subgraph_index": 2},
                    subgraphs=[branch("ADD"), branch("MUL")])
    if op == "WHILE":     # runs while flags[0]; the body shifts flags left, filling False
        slice_ = lambda b, e: [i32([b]), i32([e]), i32([1])]
        cond = SubgraphSpec([_act((2,), "BOOL"), f32(), _act((1,), "BOOL")] + slice_(0, 1),
                            [("STRIDED_SLICE", [0, 3, 4, 5], [2], {})], [2])
        body = SubgraphSpec([_act((2,), "BOOL"), f32(), _act((1,), "BOOL"),
                             _const([False], "BOOL"), _act((2,), "BOOL"), f32()] + slice_(1, 2),
                            [("STRIDED_SLICE", [0, 6, 7, 8], [2], {}),
                             ("CONCATENATION", [2, 3], [4], {"axis": 0}),
                             ("ADD", [1, 1], [5], {})], [4, 5])
        return Spec(op, [_act((2,), "BOOL"), f32(), _act((2,), "BOOL"), f32()], [0, 1], [2, 3],
                    {"cond_subgraph_index": 1, "body_subgraph_index": 2},
                    subgraphs=[cond, body])
    resource = lambda: TensorSpec([], "RESOURCE")
    init = SubgraphSpec([resource(), _const(np.ones((2, 3)), "FLOAT32")],
                        [("VAR_HANDLE", [], [0], names), ("ASSIGN_VARIABLE", [0, 1], [], {})], [],
                        [])
    if op == "CALL_ONCE":  # init assigns the variable that READ_VARIABLE then reads
        return Spec(op, [resource(), f32()], [], [], {"init_subgraph_index": 1},
                    extra_ops=[], subgraphs=[init])
    if op == "VAR_HANDLE":
        return Spec(op, [resource()], [], [0], dict(names))
    if op == "READ_VARIABLE":
        return Spec(op, [resource(), f32()], [0], [1],
                    extra_ops=[("CALL_ONCE", [], [], {"init_subgraph_index": 1}),
                               ("VAR_HANDLE", [], [0], names)], subgraphs=[init])
    return Spec(op, [resource(), f32(), f32()], [0, 1], [],      # ASSIGN_VARIABLE
                extra_ops=[("VAR_HANDLE", [], [0], names)])


def _lstm_seed(dtype: str) -> Spec:
    n_batch, n_time, n_input, n_cell = 1, 2, 3, 4
    quantized = dtype != "FLOAT32"
    if quantized:   # per-tensor int8 weights, int16 cell state with a power-of-two scale
        w = lambda shape: _const(np.ones(shape), "INT8", scale=0.01, zero_point=0)
        bias_type = "INT64" if dtype == "INT16" else "INT32"
        b = lambda: _const(np.arange(n_cell), bias_type, scale=0.0005, zero_point=0)
        cell = _act((n_batch, n_cell), "INT16", scale=2.0 ** -12, zero_point=0, variable=True)
    else:
        w = lambda shape: _weights(shape, "FLOAT32")
        b = lambda: _bias(n_cell, "FLOAT32")
        cell = _act((n_batch, n_cell), "FLOAT32", variable=True)
    tensors = [_act((n_batch, n_time, n_input), dtype)]
    tensors += [w((n_cell, n_input)) for _ in range(4)]          # input-to-gate weights 1-4
    tensors += [w((n_cell, n_cell)) for _ in range(4)]           # recurrent weights 5-8
    tensors += [b() for _ in range(4)]                           # gate biases
    tensors += [_act((n_batch, n_cell), dtype, variable=True), cell,
                _act((n_batch, n_time, n_cell), dtype)]
    t = list(range(len(tensors)))
    inputs = t[0:9] + [-1, -1, -1] + t[9:13] + [-1, -1] + [13, 14] + [-1] * 4
    return Spec("UNIDIRECTIONAL_SEQUENCE_LSTM", tensors, inputs, [15],
                {"fused_activation_function": 4, "cell_clip": 0.0, "proj_clip": 0.0,
                 "time_major": False})


# -- mutations -----------------------------------------------------------------------------
# Each takes (spec, draw) where draw(strategy_name, *args) returns a value chosen by the
# hypothesis data object, and mutates spec in place.
INTERESTING_INTS = (-(2 ** 31), -7, -2, -1, 0, 1, 2, 3, 4, 5, 8, 100, 2 ** 31 - 1)
DIMS = (0, 1, 2, 3, 5, 7, 16, HUGE)


def _random_values(shape, dtype, draw):
    count = int(np.prod(shape)) if shape else 1
    if count > 4096 or dtype not in _NP:
        return None
    style = draw("pick", ("small", "extreme", "zero"))
    if style == "zero":
        values = np.zeros(count)
    elif style == "small":
        values = (np.arange(count) * 5 + draw("int", -8, 8)) % 11 - 3
    else:
        kind = _NP[dtype]
        info = np.iinfo(kind) if np.issubdtype(kind, np.integer) else (
            np.finfo(kind) if np.issubdtype(kind, np.floating) else None)
        hi, lo = (info.max, info.min) if info else (1, 0)
        values = np.where(np.arange(count) % 2 == 0, hi, lo)
    return np.asarray(values).astype(_NP[dtype]).reshape(shape)


def _set_shape(t: TensorSpec, shape, draw):
    t.shape = list(shape)
    if t.data is not None:
        values = _random_values(shape, t.dtype, draw)
        if values is None:       # too big to hold as a constant: make it an activation
            t.data = None
        else:
            t.data = values


def _pick_tensor(spec, draw):
    return spec.tensors[draw("int", 0, len(spec.tensors) - 1)]


def m_drop_input(spec, draw):
    if spec.inputs:
        del spec.inputs[draw("int", 0, len(spec.inputs) - 1)]


def m_omit_input(spec, draw):
    if spec.inputs:
        spec.inputs[draw("int", 0, len(spec.inputs) - 1)] = -1


def m_extra_input(spec, draw):
    spec.inputs.append(draw("int", -1, len(spec.tensors) - 1))


def m_drop_output(spec, draw):
    if spec.outputs:
        del spec.outputs[draw("int", 0, len(spec.outputs) - 1)]


def m_extra_output(spec, draw):
    t = spec.tensors[spec.outputs[0]] if spec.outputs else _pick_tensor(spec, draw)
    spec.tensors.append(TensorSpec(list(t.shape), t.dtype, scale=t.scale,
                                   zero_point=t.zero_point))
    spec.outputs.append(len(spec.tensors) - 1)


def m_dtype(spec, draw):
    t = _pick_tensor(spec, draw)
    t.dtype = draw("pick", ALL_TYPES)
    if t.data is not None:
        t.data = _random_values(t.shape, t.dtype, draw)


def m_rank(spec, draw):
    t = _pick_tensor(spec, draw)
    rank = draw("int", 0, 7)
    _set_shape(t, [draw("pick", (1, 2, 3)) for _ in range(rank)], draw)


def m_dim(spec, draw):
    t = _pick_tensor(spec, draw)
    if t.shape:
        shape = list(t.shape)
        shape[draw("int", 0, len(shape) - 1)] = draw("pick", DIMS)
        if HUGE in shape and 0 not in shape and draw("bool"):
            shape.append(0)      # huge but empty: overflow bait without a huge arena
        _set_shape(t, shape, draw)


def m_all_shapes(spec, draw):
    """One shape (rank 0..7, maybe empty or huge) for every activation: consistent for
    elementwise ops, so the rank limits of the kernels are what gets probed."""
    rank = draw("int", 0, 7)
    shape = [draw("pick", (1, 2, 3)) for _ in range(rank)]
    if shape and draw("bool"):
        shape[draw("int", 0, rank - 1)] = draw("pick", (0, HUGE))
        if HUGE in shape:
            shape.append(0)
    for t in spec.tensors:
        if t.data is None:
            t.shape = list(shape)


def m_output_shape(spec, draw):
    if spec.outputs:
        t = spec.tensors[spec.outputs[draw("int", 0, len(spec.outputs) - 1)]]
        rank = draw("int", 0, 5)
        t.shape = [draw("pick", (0, 1, 2, 3, 4, 6)) for _ in range(rank)]


def m_quant(spec, draw):
    t = _pick_tensor(spec, draw)
    kind = draw("pick", ("none", "zero", "negative", "nan", "inf", "tiny", "huge",
                         "per_channel_len", "axis", "zero_point"))
    if kind == "none":
        t.scale = None
    elif kind == "per_channel_len":
        n = draw("int", 2, 9)
        t.scale, t.zero_point = [0.1] * n, [0] * n
    elif kind == "axis":
        t.scale = t.scale if t.scale is not None else 0.1
        t.axis = draw("pick", (1, 2, 3, 4, 7, 100))
    elif kind == "zero_point":
        t.scale = t.scale if t.scale is not None else 0.1
        t.zero_point = draw("pick", (-129, 128, 255, 40000, -(2 ** 31), 2 ** 31 - 1))
    else:
        value = {"zero": 0.0, "negative": -0.5, "nan": float("nan"), "inf": float("inf"),
                 "tiny": 1e-38, "huge": 1e38}[kind]
        n = len(t.scale) if isinstance(t.scale, list) else 1
        t.scale = [value] * n if n > 1 else value
        if n > 1:
            t.zero_point = [0] * n


def m_const_values(spec, draw):
    consts = [t for t in spec.tensors if t.data is not None]
    if consts:
        t = consts[draw("int", 0, len(consts) - 1)]
        flat = np.array(t.data).reshape(-1).copy()
        if flat.size and t.dtype in _NP:
            i = draw("int", 0, flat.size - 1)
            value = draw("pick", INTERESTING_INTS)
            if np.issubdtype(flat.dtype, np.integer):
                info = np.iinfo(flat.dtype)
                value = min(max(value, info.min), info.max)
            flat[i] = value
            t.data = flat.reshape(np.shape(t.data))


def m_const_to_input(spec, draw):
    consts = [t for t in spec.tensors if t.data is not None]
    if consts:
        consts[draw("int", 0, len(consts) - 1)].data = None


def m_input_to_const(spec, draw):
    acts = [i for i in spec.inputs if i >= 0 and spec.tensors[i].data is None]
    if acts:
        t = spec.tensors[acts[draw("int", 0, len(acts) - 1)]]
        t.variable = False
        t.data = _random_values(t.shape, t.dtype, draw)


def m_option(spec, draw):
    if spec.flex_options is not None:       # a custom op: any key, any FlexBuffer value
        keys = sorted(spec.flex_options) + ["T", "unknown"]
        key = draw("pick", keys)
        spec.flex_options[key] = draw("pick", (
            -(2 ** 31), -(2 ** 63), -1, 0, 1, 2, 3, 7, 64, 65, 1000, 2 ** 31 - 1, 2 ** 40,
            1.5, float("nan"), "text", True, [1, 2, 3], []))
        return
    table = options_table_for(spec.op)
    fields = TABLES.get(table, []) if table else []
    if not fields:
        return
    name, ftype, _, _ = fields[draw("int", 0, len(fields) - 1)]
    if ftype.startswith("["):
        spec.options[name] = [draw("pick", INTERESTING_INTS[1:-1])
                              for _ in range(draw("int", 0, 8))]
    elif ftype == "float":
        spec.options[name] = draw("pick", (-1.0, 0.0, 1e-30, 1e30, float("nan"), float("inf")))
    elif ftype == "bool":
        spec.options[name] = draw("bool")
    elif ftype == "string":
        spec.options[name] = draw("pick", ("", "v", "w", "x" * 300))
    elif ftype in ENUMS:
        spec.options[name] = draw("int", -1, max(ENUMS[ftype][1].values()) + 3)
        if ENUMS[ftype][0] in ("ubyte", "uint", "ushort"):
            spec.options[name] = abs(spec.options[name])
    else:
        spec.options[name] = draw("pick", INTERESTING_INTS)
    if ftype in ENUMS and ENUMS[ftype][0] == "byte":
        spec.options[name] = max(-128, min(127, spec.options[name]))


def m_custom_options(spec, draw):
    n = draw("int", 0, 40)
    spec.custom_options = bytes((i * 37 + draw("int", 0, 255)) % 256 for i in range(n))


def m_same_tensor_twice(spec, draw):
    """One tensor feeding two inputs, or an op reading its own output."""
    if spec.inputs and spec.outputs:
        spec.inputs[draw("int", 0, len(spec.inputs) - 1)] = spec.outputs[0]


MUTATIONS = {f.__name__[2:]: f for f in (
    m_drop_input, m_omit_input, m_extra_input, m_drop_output, m_extra_output, m_dtype, m_rank,
    m_dim, m_all_shapes, m_output_shape, m_quant, m_const_values, m_const_to_input,
    m_input_to_const,
    m_option, m_custom_options, m_same_tensor_twice)}


# -- building ------------------------------------------------------------------------------
def _add_graph(g, tensors, ops, output_ids, input_ids=None):
    """Adds `tensors` (only those `ops` use) and `ops` [(op, inputs, outputs, options,
    custom_options)] to subgraph builder g. Graph inputs: `input_ids`, by default the
    activations the ops read and no op writes."""
    produced = {i for _, _, outs, _, _ in ops for i in outs}
    used = {i for _, ins, _, _, _ in ops for i in ins if i >= 0} | produced | set(output_ids) \
        | set(input_ids or ())
    index = {}
    for i, t in enumerate(tensors):
        if i not in used:
            continue
        quant = {} if t.scale is None else {"scale": t.scale, "zero_point": t.zero_point,
                                            "axis": t.axis}
        if t.data is not None and t.dtype in _NP and i not in produced:
            arr = np.asarray(t.data, dtype=_NP[t.dtype]).reshape(t.shape)
            index[i] = g.add_constant(f"t{i}", arr, t.dtype, **quant)
        else:
            index[i] = g.add_tensor(f"t{i}", t.shape, t.dtype,
                                    is_variable=t.variable and i not in produced, **quant)
    if input_ids is None:
        input_ids = [i for i in dict.fromkeys(i for _, ins, _, _, _ in ops for i in ins)
                     if i >= 0 and i not in produced and not tensors[i].variable
                     and (tensors[i].data is None or tensors[i].dtype not in _NP)]
    for i in input_ids:
        g._inputs.append(index[i])
    for op, ins, outs, options, custom in ops:
        if options_table_for(op) is None:
            options = {}
        g.add_operator(op, [index[i] if i >= 0 else -1 for i in ins], [index[i] for i in outs],
                       custom_options=custom, **options)
    for i in dict.fromkeys(output_ids):
        g.add_output(index[i])


def build(spec: Spec) -> bytes | None:
    """The model bytes, or None when the spec is something ModelBuilder itself refuses."""
    b = ModelBuilder()
    try:
        ops = [(op, ins, outs, opts, None) for op, ins, outs, opts in spec.extra_ops]
        custom = spec.custom_options
        if custom is None and spec.flex_options is not None:
            custom = bytes(flexbuffers.Dumps(spec.flex_options))
        ops.append((spec.op, spec.inputs, spec.outputs, dict(spec.options), custom))
        _add_graph(b.main, spec.tensors, ops, spec.outputs)
        for sub in spec.subgraphs:
            _add_graph(b.add_subgraph(), sub.tensors,
                       [(op, ins, outs, opts, None) for op, ins, outs, opts in sub.ops],
                       sub.outputs, sub.inputs)
        return b.build()
    except (ValueError, TypeError, OverflowError, KeyError) as e:  # builder-level refusal
        spec.notes.append(f"unbuildable: {e}")
        return None


# -- running -------------------------------------------------------------------------------
@dataclass
class Failure:
    case: int
    kind: str          # "crash", "hang" or "bad-exception"
    detail: str
    description: str
    alone: str = ""    # what happened when the case ran on its own


def _worker_env() -> dict:
    env = dict(os.environ)
    preload = os.environ.get("TFLM_FUZZ_PRELOAD")
    if preload:
        env["LD_PRELOAD"] = preload
        env.setdefault("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1")
    return env


def _run_worker(path: str, start: int, results: dict, stderr_tail: list) -> tuple[int, str]:
    """Runs cases from `start` until the worker exits; returns (next case, failure kind)."""
    with tempfile.TemporaryFile() as err, subprocess.Popen(
            [sys.executable, str(WORKER), path, str(start)], stdout=subprocess.PIPE,
            stderr=err, env=_worker_env()) as proc, selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        current, buffer, kind = start, b"", ""
        deadline = time.monotonic() + CASE_TIMEOUT_S * 3   # the first case includes start-up
        while True:
            timeout = deadline - time.monotonic()
            if timeout <= 0:
                proc.kill()
                kind = "hang"
                break
            if not sel.select(timeout):
                continue
            chunk = proc.stdout.read1(65536)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                msg = json.loads(line)
                if "start" in msg:
                    current = msg["start"]
                    deadline = time.monotonic() + CASE_TIMEOUT_S
                else:
                    results[msg["case"]] = msg
                    current = msg["case"] + 1
        proc.wait()
        err.seek(0)
        text = err.read().decode(errors="replace")
        report = text.find("ERROR: AddressSanitizer")   # its first frames say where
        stderr_tail[:] = [text[report:report + 3000] if report >= 0 else text[-3000:]]
        if not kind and proc.returncode != 0:
            kind = f"crash (exit status {proc.returncode})"
        return current, kind


def run_cases(models: list) -> tuple[dict, list]:
    """Runs each model bytes in worker subprocesses; returns ({case: outcome}, [Failure]).
    A worker that dies is restarted after its case, and that case is then re-run alone."""
    with tempfile.NamedTemporaryFile(suffix=".pkl", delete=False) as f:
        pickle.dump(models, f)
        path = f.name
    results, failures = {}, []
    try:
        start = 0
        while start < len(models):
            tail: list = []
            stop, kind = _run_worker(path, start, results, tail)
            if not kind:
                break
            failures.append(Failure(stop, kind, tail[0] if tail else "", ""))
            start = stop + 1
        for failure in failures:
            single = path + f".{failure.case}"
            with open(single, "wb") as f:
                pickle.dump([models[failure.case]], f)
            tail = []
            scratch: dict = {}
            _, kind = _run_worker(single, 0, scratch, tail)
            failure.alone = kind or "passes alone (state from earlier cases?)"
            os.unlink(single)
    finally:
        os.unlink(path)
    for case, msg in results.items():
        if msg["outcome"] == "bad":
            failures.append(Failure(case, "bad-exception", msg["detail"], ""))
    return results, failures
