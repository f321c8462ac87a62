"""Estimate of TFLM's tensor arena on a 32-bit Cortex-M build (and on x86-64, to check it).

A 64-bit host over-estimates TFLM's arena: pointers and the structures holding them are half
the size on a Cortex-M. The estimate rebuilds TFLM's arena from the model:

non-persistent ("head"): the activation plan tflm-host computes with TFLM's greedy planner
    (identical to TFLM's, lifetimes nested across subgraphs as TFLM's AllocationInfoBuilder
    nests them), with each operator's scratch buffers replaced by the ones the target's
    kernels request, over the operator's own lifetime in that plan: TFLM's reference kernels
    (as tflm-host's reference kernels), or
    CMSIS-NN's for int8 CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and AVERAGE_POOL_2D,
    from the arm_*_get_buffer_size functions of the DSP (Cortex-M4/M7/M33) or MVE
    (Cortex-M55/M85) variant, built with GCC.
persistent ("tail"), in the order micro_allocator.cc and micro_interpreter.cc allocate it:
    - the allocator objects (SingleArenaBufferAllocator, MicroAllocator, GreedyMemoryPlanner,
      MicroBuiltinDataAllocator) and one SubgraphAllocations entry per subgraph;
    - one TfLiteEvalTensor (12 bytes) per tensor and one NodeAndRegistration (32 bytes) per
      operator, per subgraph;
    - each operator's parsed builtin options (the TfLite*Params struct, 4-byte aligned), in
      every subgraph;
    - each operator's OpData (the kernel's Init allocation) and its per-channel output
      multiplier/shift arrays (CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV, per-channel
      FULLY_CONNECTED), each rounded up to TFLM's 16-byte buffer alignment, in every
      subgraph (IF's is its two subgraph indices: tflite-micro records no staging buffers
      for it); the signal ops' parameters and state;
    - variable tensors of every subgraph (16-byte aligned);
    - resource variables: the MicroResourceVariables object and entries the application
      creates (here one per distinct VAR_HANDLE) and each variable's buffer;
    - the interpreter's input/output TfLiteTensor pointer arrays, one persistent TfLiteTensor
      (32 bytes) per model input and output with its TfLiteAffineQuantization (12 bytes) and
      zero-point array (4 + 4 per channel);
    - a 4-byte handle per scratch buffer.
Struct sizes are those of arm-none-eabi-gcc with TF_LITE_STATIC_MEMORY, read from TFLM's and
CMSIS-NN's sources. Checked against TFLM's generic benchmark on Corstone-300 (Cortex-M4,
CMSIS-NN, tools/benchmarking/README.md): person_detect 84,436 bytes = 55,296 non-persistent +
29,140 persistent. Its RecordingMicroAllocator table is reproduced item by item (eval tensors
1,068, persistent tensors 64, quantization 40, persistent buffers 25,872 in 90 allocations,
nodes 992); the allocations it does not record (allocator objects, builtin options, handles)
come to 1,104 bytes there, and the allocator object sizes below are our reading of the
classes, checked only against that sum. The benchmark also uses the recording allocator and
creates MicroResourceVariables for 100 variables: estimate_arena(..., benchmark_setup=True)
adds both, to compare with its figures; an application has neither.
The same model at 64-bit sizes (target "x86-64": TFLM built for a PC with reference kernels,
as tflite-micro's Python interpreter, which always uses the recording allocator, reports it)
is checked against that interpreter's figures for the shared models, exactly or within 2%:
the 64-bit OpData sizes below were read off its RecordingMicroAllocator for one-operator
models, and the pointer-free ones (most of them) are the same on 32 bits.
The signal library's persistent buffers (TFLM's signal/micro/kernels/*.cc Init functions)
are modelled op by op, including the kiss_fftr state of SignalRfft.
Not modelled: kernels this table does not list get a 32-byte OpData.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import _core
from ..model import Subgraph

ALIGNMENT = 16                 # MicroArenaBufferAlignment()


@dataclass(frozen=True)
class Layout:
    """TFLM's persistent structures at one pointer width (arm-none-eabi-gcc or x86-64 gcc,
    TF_LITE_STATIC_MEMORY)."""
    pointer: int
    eval_tensor: int             # TfLiteEvalTensor: data, dims, type
    node_and_registration: int
    persistent_tensor: int       # TfLiteTensor
    affine_quantization: int     # TfLiteAffineQuantization: scale, zero_point, dimension
    subgraph_allocations: int
    # The allocator objects (SingleArenaBufferAllocator, MicroAllocator, GreedyMemoryPlanner,
    # MicroBuiltinDataAllocator): 40 + 44 + 48 + 8 on 32 bits. On 64 bits, calibrated against
    # tflite-micro's Python interpreter, so it includes its RecordingMicroAllocator.
    allocator_objects: int
    scratch_handle: int


LAYOUT_32 = Layout(pointer=4, eval_tensor=12, node_and_registration=32, persistent_tensor=32,
                   affine_quantization=12, subgraph_allocations=8, allocator_objects=140,
                   scratch_handle=4)
LAYOUT_64 = Layout(pointer=8, eval_tensor=24, node_and_registration=64, persistent_tensor=64,
                   affine_quantization=24, subgraph_allocations=16, allocator_objects=504,
                   scratch_handle=8)
# RecordingMicroAllocator's extra bookkeeping (7 RecordedAllocations and a pointer): only in
# the benchmark, which uses the recording allocator to print its table.
RECORDING_ALLOCATOR_EXTRA_BYTES = 88
RESOURCE_VARIABLE_BYTES = 20   # MicroResourceVariables::MicroResourceVariable (32-bit)
RESOURCE_VARIABLES_OBJECT_BYTES = 12

# The kernel's Init allocation (OpData) per operator: (reference kernels, CMSIS-NN kernels,
# reference kernels on 64 bits). Integer-only structs are the same on 32 and 64 bits.
OP_DATA_BYTES = {
    "CONV_2D": (52, 56, 80), "DEPTHWISE_CONV_2D": (52, 56, 80),
    "TRANSPOSE_CONV": (76, 80, 88), "FULLY_CONNECTED": (40, 52, 72),
    "SOFTMAX": (48, 56, 80), "AVERAGE_POOL_2D": (32, 36, 32), "MAX_POOL_2D": (32, 36, 32),
    "ADD": (60, 60, 60), "SUB": (52, 52, 52), "MUL": (36, 36, 36), "DIV": (28, 28, 28),
    "QUANTIZE": (32, 32, 32), "DEQUANTIZE": (32, 32, 32), "LOGISTIC": (16, 16, 16),
    "TANH": (16, 16, 16), "CONCATENATION": (48, 48, 80), "STRIDED_SLICE": (84, 84, 84),
    "PAD": (56, 56, 56), "PADV2": (56, 56, 56), "MEAN": (44, 44, 44), "SUM": (44, 44, 44),
    "REDUCE_MAX": (44, 44, 44), "SVDF": (36, 48, 36),
    "UNIDIRECTIONAL_SEQUENCE_LSTM": (416, 416, 688), "HARD_SWISH": (20, 20, 20),
    "LEAKY_RELU": (24, 24, 24), "PRELU": (28, 28, 28), "BATCH_MATMUL": (48, 56, 64),
    "RELU": (28, 28, 28), "RELU6": (8, 8, 8), "ELU": (256, 256, 256),
    "RESIZE_BILINEAR": (0, 0, 0), "TRANSPOSE": (0, 0, 0),
    # Control flow and resource variables (if.cc, while.cc, call_once.cc, var_handle.cc):
    # subgraph indices, a resource id. IF's 8 bytes on x86-64 are what tflite-micro's
    # interpreter records for it.
    "IF": (8, 8, 8), "WHILE": (8, 8, 8), "CALL_ONCE": (8, 8, 8), "VAR_HANDLE": (4, 4, 4),
}
NO_OP_DATA = {"RESHAPE", "SQUEEZE", "EXPAND_DIMS", "SHAPE", "CAST", "MINIMUM", "MAXIMUM",
              "GATHER", "PACK", "UNPACK", "SPLIT", "SPLIT_V", "ZEROS_LIKE", "FILL", "ABS",
              "SIN", "COS", "SQRT", "RSQRT", "SQUARE", "NEG", "LOG", "FLOOR", "CEIL", "ROUND",
              "EQUAL", "NOT_EQUAL", "LESS", "GREATER", "LESS_EQUAL", "GREATER_EQUAL",
              "LOGICAL_AND", "LOGICAL_OR", "LOGICAL_NOT", "ARG_MAX", "ARG_MIN",
              "SLICE", "SPACE_TO_DEPTH", "DEPTH_TO_SPACE", "BATCH_TO_SPACE_ND",
              "SPACE_TO_BATCH_ND", "BROADCAST_TO", "SELECT_V2", "READ_VARIABLE",
              "ASSIGN_VARIABLE"}
DEFAULT_OP_DATA_BYTES = 32

# Parsed builtin options (TfLite*Params, 32-bit), allocated 4-byte aligned.
BUILTIN_DATA_BYTES = {
    "CONV_2D": 28, "DEPTHWISE_CONV_2D": 28, "TRANSPOSE_CONV": 20, "FULLY_CONNECTED": 16,
    "AVERAGE_POOL_2D": 40, "MAX_POOL_2D": 40, "L2_POOL_2D": 40, "RESHAPE": 36, "SQUEEZE": 36,
    "SOFTMAX": 4, "ADD": 8, "SUB": 8, "MUL": 4, "DIV": 4, "CONCATENATION": 8,
    "STRIDED_SLICE": 24, "MEAN": 4, "SUM": 4, "REDUCE_MAX": 4, "REDUCE_MIN": 4, "SVDF": 12,
    "UNIDIRECTIONAL_SEQUENCE_LSTM": 20, "LEAKY_RELU": 4, "PACK": 8, "UNPACK": 8, "SPLIT": 4,
    "SPLIT_V": 4, "GATHER": 8, "BATCH_MATMUL": 4, "RESIZE_BILINEAR": 4,
    "RESIZE_NEAREST_NEIGHBOR": 4, "SHAPE": 4, "CAST": 0, "ARG_MAX": 4, "ARG_MIN": 4,
    "DEPTH_TO_SPACE": 4, "SPACE_TO_DEPTH": 4, "CUMSUM": 4, "GELU": 4,
    "IF": 8, "WHILE": 8, "CALL_ONCE": 4, "VAR_HANDLE": 8,
}
# The options naming the subgraphs a control-flow operator runs, in the order TFLM plans them.
CALLED_SUBGRAPHS = {"IF": ("then_subgraph_index", "else_subgraph_index"),
                    "WHILE": ("cond_subgraph_index", "body_subgraph_index"),
                    "CALL_ONCE": ("init_subgraph_index",)}
PER_CHANNEL_OPS = {"CONV_2D": 1, "DEPTHWISE_CONV_2D": 1, "TRANSPOSE_CONV": 1}

TARGETS = {
    "cortex-m": ("reference", None),
    "cortex-m-cmsis": ("cmsis-nn", "dsp"),
    "cortex-m-cmsis-mve": ("cmsis-nn", "mve"),
    "x86-64": ("reference", None),
}
HOST_TARGETS = {"x86-64"}  # 64-bit builds: LAYOUT_64


CH_IN_BLOCK_MVE = 124


def layout_of(target: str) -> Layout:
    return LAYOUT_64 if target in HOST_TARGETS else LAYOUT_32


def align(n: int, to: int = ALIGNMENT) -> int:
    return (n + to - 1) // to * to


def _op_data_bytes(op_name: str, cmsis: bool, layout: Layout) -> int:
    if op_name in NO_OP_DATA:
        return 0
    sizes = OP_DATA_BYTES.get(op_name)
    if sizes is None:
        return DEFAULT_OP_DATA_BYTES
    if layout.pointer == 8:
        return sizes[2]
    return sizes[1] if cmsis else sizes[0]


def _per_channel_count(graph: Subgraph, op, cmsis: bool = False) -> int:
    """Output channels of an operator with per-channel multiplier/shift arrays (0 if none).
    TFLM's reference convolutions allocate them whatever the type; CMSIS-NN's for integers."""
    if op.op_name in PER_CHANNEL_OPS and len(op.inputs) > 1 and op.inputs[1] >= 0:
        if cmsis and graph.tensors[op.inputs[0]].dtype not in ("INT8", "INT16"):
            return 0
        filt = graph.tensors[op.inputs[1]]
        axis = 3 if op.op_name == "DEPTHWISE_CONV_2D" else 0
        return filt.shape[axis] if len(filt.shape) > axis else 0
    if op.op_name == "FULLY_CONNECTED" and len(op.inputs) > 1:
        q = graph.tensors[op.inputs[1]].quantization
        if q is not None and q.per_channel:
            return len(q.scales)
    return 0


def _extra_persistent(graph: Subgraph, op) -> list[int]:
    """Persistent buffers a kernel's Prepare allocates besides OpData and per-channel arrays."""
    if op.op_name == "SOFTMAX" and graph.tensors[op.inputs[0]].dtype == "INT16":
        return [513 * 2, 513 * 2]  # exp and 1/(1+x) lookup tables
    return []


# kiss_fft's scalar bytes by the SignalRfft "T" attribute (TensorType: INT16 7, INT32 2,
# FLOAT32 0).
_RFFT_SCALAR_BYTES = {7: 2, 2: 4, 0: 4}
_KISS_MAX_FACTORS = 32


def _kiss_fftr_bytes(fft_length: int, scalar: int, layout: Layout) -> int:
    """kiss_fftr_alloc's memory for a real FFT: the kiss_fftr_state (three pointers), the
    complex FFT of half the length (kiss_fft_state: nfft, inverse, factors[64], then its
    twiddles) and the temporary buffer plus super twiddles (3/2 of the half length)."""
    half = fft_length // 2
    cpx = 2 * scalar
    state = 4 + 4 + 4 * 2 * _KISS_MAX_FACTORS + cpx
    state = (state + max(scalar, 4) - 1) // max(scalar, 4) * max(scalar, 4)
    return 3 * layout.pointer + state + cpx * (half - 1) + cpx * (half * 3 // 2)


def _c_struct_bytes(*fields: int) -> int:
    """sizeof a C struct of scalar fields of these sizes (each aligned to its own size)."""
    offset = 0
    for size in fields:
        offset = (offset + size - 1) // size * size + size
    largest = max(fields)
    return (offset + largest - 1) // largest * largest


def signal_persistent(op, layout: Layout) -> list[int] | None:
    """The persistent buffers a TFLM signal-library kernel allocates in Init (its params struct
    and its state), None for an operator that is not a signal op this table knows."""
    ptr = layout.pointer
    o = op.options
    name = op.op_name
    if name in ("SignalWindow", "SignalEnergy", "SignalFilterBankLog"):
        return [8]                       # two int32 parameters
    if name == "SignalPCAN":
        return [4]                       # snr_shift
    if name in ("SignalFftAutoScale", "SignalFilterBankSquareRoot"):
        return []                        # no Init
    if name == "SignalRfft":
        # four int32, the type, the T* work area, the scratch index, the int8* state
        params = _c_struct_bytes(4, 4, 4, 4, 4, ptr, 4, ptr)
        scalar = _RFFT_SCALAR_BYTES.get(int(o.get("T", 7)), 2)
        return [params, _kiss_fftr_bytes(int(o.get("fft_length", 0)), scalar, layout)]
    if name == "SignalFilterBank":
        # FilterbankConfig (num_channels, five int16 pointers, two int32), the uint64 work area
        # pointer; then the work area itself, num_channels + 1 uint64
        params = _c_struct_bytes(4, ptr, ptr, ptr, ptr, ptr, 4, 4, ptr)
        return [params, (int(o.get("num_channels", 0)) + 1) * 8]
    if name == "SignalFilterBankSpectralSubtraction":
        # SpectralSubtractionConfig (eight uint32 and a bool), the noise estimate pointer and its
        # size_t size; then the noise estimate
        params = _c_struct_bytes(*[4] * 8, 1, ptr, ptr)
        return [params, 4 * int(o.get("num_channels", 0))]
    return None


def _resource_variable_bytes(model) -> dict[tuple[str, str], int]:
    """Each resource variable (container, shared_name) -> the bytes of the first value assigned
    to it (0 if nothing assigns it: no buffer)."""
    sizes: dict[tuple[str, str], int] = {}
    for g in model.subgraphs:
        handles = {}
        for op in g.operators:
            if op.op_name == "VAR_HANDLE":
                key = (op.options.get("container") or "", op.options.get("shared_name") or "")
                sizes.setdefault(key, 0)
                handles[op.outputs[0]] = key
            elif op.op_name == "ASSIGN_VARIABLE" and op.inputs[0] in handles:
                key = handles[op.inputs[0]]
                sizes[key] = sizes[key] or g.tensors[op.inputs[1]].nbytes
    return sizes


def operator_scopes(model) -> dict[tuple[int, int], tuple[int, int]]:
    """(subgraph, operator) -> the scopes a scratch buffer of that operator spans, counted as
    TFLM's AllocationInfoBuilder (and tflm-host's planner) count them: each operator opens a
    scope, each subgraph it runs opens one more before its own operators, and the buffer spans
    the operator and all it runs. A subgraph run from two places spans both calls. Operators
    no invoke reaches are left out (they get no scratch)."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    scope = 0

    def walk(subgraph: int) -> None:
        nonlocal scope
        for op in model.subgraphs[subgraph].operators:
            scope += 1
            own = scope
            for option in CALLED_SUBGRAPHS.get(op.op_name, ()):
                scope += 1
                walk(op.options.get(option, 0))
            first = spans.get((subgraph, op.index), (own, own))[0]
            spans[(subgraph, op.index)] = (first, scope)

    walk(0)
    return spans


def _same_padding(size: int, kernel: int, stride: int, dilation: int, out: int) -> int:
    effective = (kernel - 1) * dilation + 1
    return max((out - 1) * stride + effective - size, 0) // 2


def cmsis_scratch_bytes(graph: Subgraph, op, variant: str) -> int | None:
    """CMSIS-NN's scratch request for this operator, None when the op keeps TFLM's reference
    kernel (and its scratch)."""
    name = op.op_name
    if name not in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "AVERAGE_POOL_2D"):
        return None
    x = graph.tensors[op.inputs[0]]
    if x.dtype != "INT8":
        return None
    out = graph.tensors[op.outputs[0]]
    o = op.options
    mve = variant == "mve"
    if name == "FULLY_CONNECTED":
        return graph.tensors[op.inputs[1]].shape[0] * 4 if mve else 0
    if name == "AVERAGE_POOL_2D":
        return 0 if mve else x.shape[3] * 4
    filt = graph.tensors[op.inputs[1]]
    _, in_h, in_w, in_c = x.shape
    _, out_h, out_w, out_c = out.shape
    k_h, k_w = filt.shape[1], filt.shape[2]
    stride_h, stride_w = o.get("stride_h", 1), o.get("stride_w", 1)
    dil_h, dil_w = o.get("dilation_h_factor", 1), o.get("dilation_w_factor", 1)
    same = o.get("padding", 0) == 0  # Padding.SAME
    pad_h = _same_padding(in_h, k_h, stride_h, dil_h, out_h) if same else 0
    pad_w = _same_padding(in_w, k_w, stride_w, dil_w, out_w) if same else 0
    batch = x.shape[0]
    if name == "DEPTHWISE_CONV_2D":
        if in_c == out_c and batch == 1 and dil_h == 1 and dil_w == 1:
            if mve:
                return 4 * CH_IN_BLOCK_MVE * k_w * k_h
            if k_w == 3 and k_h == 3 and pad_h <= 1 and pad_w <= 1:
                return 0
            return in_c * k_w * k_h * 2
        return 0
    # CONV_2D: arm_convolve_wrapper_s8_get_buffer_size
    if k_h == 1 and k_w == 1 and dil_h == 1 and dil_w == 1:
        return 0  # 1x1 (the fast DSP variant needs a buffer only with armclang)
    rhs_cols = k_w * k_h * in_c
    if mve:
        return 4 * ((rhs_cols + 15) // 16) * 16
    return 2 * align(rhs_cols, 4) * 2


def _target_scratch(graph: Subgraph, op, variant: str | None) -> list[int] | None:
    """The scratch buffers the target's kernel requests for `op`, None where they are those of
    tflm-host's reference kernel (the same as TFLM's except where noted here)."""
    if variant is not None:
        theirs = cmsis_scratch_bytes(graph, op, variant)
        if theirs is not None:
            return [align(theirs)] if theirs > 0 else []
    if op.is_custom and op.op_name == "SignalRfft":
        # TFLM: one fft_length buffer of T; the FFT's work area lives in its persistent state
        scalar = _RFFT_SCALAR_BYTES.get(int(op.options.get("T", 7)), 2)
        return [align(int(op.options.get("fft_length", 0)) * scalar)]
    if op.is_custom and op.op_name == "SignalFilterBank":
        return []  # TFLM keeps the work area in a persistent buffer
    return None


def estimate_arena(interp, target: str = "cortex-m-cmsis", benchmark_setup: bool = False) -> dict:
    """TFLM's arena for the model of `interp` (built with kernels="reference") on `target`."""
    if target not in TARGETS:
        raise ValueError(f"target must be one of {sorted(TARGETS)}, got {target!r}")
    kernels, variant = TARGETS[target]
    cmsis = variant is not None
    layout = layout_of(target)
    model = interp.model
    graph = model.main

    # Non-persistent: our plan's tensors, with the target kernels' scratch. The plan numbers
    # operators across subgraphs, subgraph after subgraph.
    plan = interp.memory_plan()
    buffers = [(p["size"], p["first"], p["last"]) for p in plan if p["tensor"] >= 0]
    operators = [(g, op) for g in model.subgraphs for op in g.operators]
    ours: dict[int, list[dict]] = {}
    for p in plan:
        if p["tensor"] < 0:
            ours.setdefault(p["node"], []).append(p)
    scopes = operator_scopes(model)
    scratch_count = 0
    for node, (g, op) in enumerate(operators):
        theirs = _target_scratch(g, op, variant)
        if theirs is None:
            requests = [(p["size"], p["first"], p["last"]) for p in ours.get(node, [])]
        elif (g.index, op.index) in scopes:
            requests = [(size, *scopes[(g.index, op.index)]) for size in theirs]
        else:
            requests = []
        buffers += requests
        scratch_count += len(requests)
    _, head = _core.plan_buffers(buffers) if buffers else ([], 0)

    # Persistent.
    parts = {"allocator objects": layout.allocator_objects
             + (RECORDING_ALLOCATOR_EXTRA_BYTES if benchmark_setup else 0)
             + layout.subgraph_allocations * len(model.subgraphs)}
    parts["eval tensors"] = sum(layout.eval_tensor * len(g.tensors) for g in model.subgraphs)
    parts["nodes and registrations"] = layout.node_and_registration * len(operators)
    parts["builtin options"] = sum(BUILTIN_DATA_BYTES.get(op.op_name, 0) for _, op in operators)
    per_op = _operator_persistent(model, cmsis, layout)
    op_buffers = sum(entry["persistent_bytes"] for entry in per_op)
    io = list(graph.inputs) + list(graph.outputs)
    op_buffers += align(layout.pointer * len(graph.inputs)) + align(layout.pointer * len(graph.outputs))
    # The application sizes MicroResourceVariables for the model's variables (the benchmark
    # for 100); each variable's buffer comes from the first ASSIGN_VARIABLE's Prepare.
    variables = _resource_variable_bytes(model)
    resource_variables = 100 if benchmark_setup else len(variables)
    if resource_variables:
        op_buffers += align(RESOURCE_VARIABLE_BYTES * layout.pointer // 4 * resource_variables)
        op_buffers += align(RESOURCE_VARIABLES_OBJECT_BYTES * layout.pointer // 4)
    op_buffers += sum(align(n) for n in variables.values() if n)
    parts["kernel persistent buffers"] = op_buffers
    parts["variable tensors"] = sum(align(t.nbytes) for g in model.subgraphs
                                    for t in g.tensors if t.is_variable)
    parts["persistent I/O tensors"] = layout.persistent_tensor * len(io)
    parts["I/O quantization"] = sum(
        layout.affine_quantization + 4 + 4 * len(graph.tensors[t].quantization.scales)
        for t in io if graph.tensors[t].quantization is not None)
    parts["scratch handles"] = layout.scratch_handle * scratch_count
    persistent = sum(parts.values())
    return {"target": target, "kernels": kernels, "variant": variant,
            "pointer_bytes": layout.pointer,
            "non_persistent": int(head), "persistent": int(persistent),
            "total": int(head + persistent), "persistent_parts": parts, "operators": per_op,
            "benchmark_setup": benchmark_setup}


def _operator_persistent(model, cmsis: bool, layout: Layout) -> list[dict]:
    """Each operator's persistent buffers, in every subgraph: OpData, per-channel arrays,
    lookup tables, and the signal ops' parameters and state, each rounded up to TFLM's
    16-byte alignment."""
    per_op = []
    for graph in model.subgraphs:
        per_op += _subgraph_operator_persistent(graph, cmsis, layout)
    return per_op


def _subgraph_operator_persistent(graph: Subgraph, cmsis: bool, layout: Layout) -> list[dict]:
    per_op = []
    for op in graph.operators:
        signal = signal_persistent(op, layout) if op.is_custom else None
        if signal is not None:
            op_data, channels, sizes = (signal[0] if signal else 0), 0, signal
        else:
            op_data = _op_data_bytes(op.op_name, cmsis, layout)
            channels = _per_channel_count(graph, op, cmsis)
            sizes = ([op_data] if op_data else []) + ([4 * channels] * 2 if channels else [])
            sizes += _extra_persistent(graph, op)
        per_op.append({"subgraph": graph.index, "index": op.index, "op": op.op_name,
                       "op_data": op_data,
                       "per_channel": channels,
                       "persistent_bytes": sum(align(size) for size in sizes)})
    return per_op


def render_estimate(est: dict) -> str:
    setup = " as TFLM's generic benchmark sets it up" if est["benchmark_setup"] else ""
    lines = [f"estimated TFLM arena{setup} on {est['target']} ({est['kernels']}"
             + (f", {est['variant'].upper()}" if est["variant"] else "") + " kernels): "
             f"{est['total']:,} bytes = {est['non_persistent']:,} non-persistent + "
             f"{est['persistent']:,} persistent"]
    for name, size in est["persistent_parts"].items():
        lines.append(f"  {name:<28} {size:>9,}")
    return "\n".join(lines)

