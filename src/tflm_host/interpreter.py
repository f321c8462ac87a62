"""Interpreter: a MicroInterpreter-like class over the native runtime.

Compatible with tflite_micro's Python Interpreter (set_input, invoke, get_output,
get_input_details, get_output_details, reset, print_allocations), plus the constructor
Interpreter(model, arena_size), float convenience I/O and memory-plan introspection.
"""
from __future__ import annotations

import sys

import numpy as np

from . import _core, custom_ops as _custom_ops
from .errors import ArenaTooSmallError, InvokeError, ModelError, PrepareError, UnsupportedOpError
from .model import NUMPY_DTYPES, Model, TensorInfo, load_model
from .ops import check_supported
from .quantization import dequantize, quantize

KERNEL_VARIANTS = ("optimized", "reference")

MAX_THREADS = 64


class Interpreter:
    """Runs one .tflite model with a fixed tensor arena.

    model: a path, bytes-like object, uint8 array, `xxd -i` C source, or a loaded Model.
    arena_size: bytes of tensor arena; None sizes it to exactly what the plan needs.
    kernels: "optimized" (default; falls back to reference where no optimized kernel exists)
        or "reference".
    num_threads: threads the optimized kernels may split large convolutions and fully
        connected layers over (default 1). Every output element is still computed by one
        thread in the same order, so results are bit-identical for any thread count.
    custom_ops: {name: fn} Python implementations of custom ops for this interpreter, on top
        of those registered with tflm_host.register_custom_op (see tflm_host.custom_ops).
    For compatibility with tflite_micro, Interpreter(model, custom_op_registerers, arena_size)
    is accepted too.
    """

    def __init__(self, model, arena_size=None, *compat_args, kernels: str = "optimized",
                 num_threads: int = 1, custom_op_registerers=None, custom_ops=None,
                 **compat_kwargs):
        if isinstance(arena_size, (list, tuple)):  # tflite_micro's positional order
            custom_op_registerers = arena_size
            arena_size = compat_args[0] if compat_args else compat_kwargs.pop("arena_size", None)
        if custom_op_registerers:
            raise UnsupportedOpError(
                "custom_op_registerers names C++ registration functions of tflite_micro; "
                "tflm-host ships its kernels built in", list(custom_op_registerers))
        if kernels not in KERNEL_VARIANTS:
            raise ValueError(f"kernels must be one of {KERNEL_VARIANTS}, got {kernels!r}")
        if isinstance(num_threads, bool) or not isinstance(num_threads, (int, np.integer)) \
                or not 1 <= num_threads <= MAX_THREADS:
            raise ValueError(f"num_threads must be an integer from 1 to {MAX_THREADS}, "
                             f"got {num_threads!r}")
        if model is None:
            raise ValueError("model must not be None")
        self._model: Model = load_model(model)
        self._graph = self._model.main
        _check_io_types(self._graph)
        self.kernels = kernels
        python_ops = _custom_ops.resolve(custom_ops)
        check_supported(self._model, kernels, python_ops)
        self._runtime = _build_runtime(self._model, kernels, python_ops)
        self.num_threads = int(num_threads)
        if self.num_threads > 1:
            self._runtime.set_num_threads(self.num_threads)
        try:
            self._runtime.prepare()
        except ValueError as e:
            raise PrepareError(str(e)) from None
        required = self._runtime.required_arena_bytes()
        if arena_size is not None:
            arena_size = _check_arena_size(arena_size)
            if arena_size < required:
                raise ArenaTooSmallError(required, arena_size)
        self._runtime.allocate(arena_size or 0)
        self._inputs = [self._view(t) for t in self._graph.inputs]
        self._outputs = [self._view(t) for t in self._graph.outputs]

    @classmethod
    def from_file(cls, model_path, arena_size=None, *compat_args, **kwargs) -> "Interpreter":
        return cls(model_path, arena_size, *compat_args, **kwargs)

    @classmethod
    def from_bytes(cls, model_data, arena_size=None, *compat_args, **kwargs) -> "Interpreter":
        return cls(bytes(model_data), arena_size, *compat_args, **kwargs)

    # -- model facts ----------------------------------------------------------------------
    @property
    def model(self) -> Model:
        return self._model

    @property
    def num_inputs(self) -> int:
        return len(self._graph.inputs)

    @property
    def num_outputs(self) -> int:
        return len(self._graph.outputs)

    def get_input_details(self, index: int) -> dict:
        return _details(self._graph.tensors[self._graph.inputs[self._io_index(index, "input")]])

    def get_output_details(self, index: int) -> dict:
        return _details(self._graph.tensors[self._graph.outputs[self._io_index(index, "output")]])

    def get_tensor_details(self) -> list[dict]:
        return [_details(t) for t in self._graph.tensors]

    # -- running --------------------------------------------------------------------------
    def set_input(self, input_data, index: int) -> None:
        index = self._io_index(index, "input")
        target = self._inputs[index]
        data = input_data if isinstance(input_data, np.ndarray) else np.asarray(input_data)
        if data.dtype != target.dtype:
            raise ValueError(
                f"input {index} expects dtype {target.dtype}, got {data.dtype}")
        if data.shape != target.shape:
            raise ValueError(
                f"input {index} expects shape {list(target.shape)}, got {list(data.shape)}")
        target[...] = data

    def invoke(self) -> int:
        try:
            self._runtime.invoke()
        except RuntimeError as e:
            if hasattr(e, "_tflm_host_custom_op"):  # a Python custom op's own exception
                raise
            raise InvokeError(str(e)) from None
        return 0

    def get_output(self, index: int) -> np.ndarray:
        return self._outputs[self._io_index(index, "output")].copy()

    def invoke_batch(self, *inputs) -> tuple[np.ndarray, ...]:
        """Runs N samples in one native loop: each input has a leading batch axis over its
        tensor's shape ((N, *shape), the tensor's dtype); returns each output as (N, *shape).
        Samples run in order on one interpreter, so stateful models carry state through."""
        if len(inputs) != self.num_inputs:
            raise ValueError(f"the model has {self.num_inputs} inputs, got {len(inputs)}")
        count = None
        arrays = []
        for i, (x, target) in enumerate(zip(inputs, self._inputs)):
            x = np.ascontiguousarray(x)
            if x.dtype != target.dtype:
                raise ValueError(f"input {i} expects dtype {target.dtype}, got {x.dtype}")
            if x.ndim != target.ndim + 1 or x.shape[1:] != target.shape:
                raise ValueError(f"input {i} expects shape [N, {', '.join(map(str, target.shape))}], "
                                 f"got {list(x.shape)}")
            if count is not None and x.shape[0] != count:
                raise ValueError(f"inputs disagree on the batch size: {count} and {x.shape[0]}")
            count = x.shape[0]
            arrays.append(x)
        outputs = [np.empty((count, *o.shape), o.dtype) for o in self._outputs]
        try:
            self._runtime.invoke_batch(arrays, outputs, count)
        except RuntimeError as e:
            if hasattr(e, "_tflm_host_custom_op"):
                raise
            raise InvokeError(str(e)) from None
        return tuple(outputs)

    # -- introspection ----------------------------------------------------------------------
    def enable_profiling(self, on: bool = True) -> None:
        """Times every operator of each invoke (a clock read per operator when on)."""
        self._runtime.set_profiling(on)
        self._profiling = on

    def get_profile(self) -> list[dict]:
        """Per-operator wall time of the last invoke: index, op and seconds."""
        if not getattr(self, "_profiling", False):
            raise RuntimeError("profiling is off: call enable_profiling() before invoke()")
        times = self._runtime.node_nanoseconds()
        return [{"index": op.index, "op": op.op_name, "seconds": ns * 1e-9}
                for op, ns in zip(self._graph.operators, times)]

    def capture_intermediates(self, on: bool = True) -> None:
        """Keeps a copy of every operator's outputs as it runs. The memory plan is unchanged
        (tensors still share arena memory); the copies live outside the arena."""
        self._runtime.set_capture(on)
        self._capturing = on

    def get_intermediates(self) -> dict[int, np.ndarray]:
        """Every operator output of the last invoke, by tensor index (names are in
        get_tensor_details())."""
        if not getattr(self, "_capturing", False):
            raise RuntimeError("capture is off: call capture_intermediates() before invoke()")
        out = {}
        for op in self._graph.operators:
            for k, t in enumerate(op.outputs):
                info = self._graph.tensors[t]
                raw = np.frombuffer(self._runtime.captured(op.index, k), dtype=np.uint8)
                out[t] = raw.view(info.numpy_dtype).reshape(info.shape)
        return out

    def reset(self) -> int:
        """Clears all state as TFLM's reset does: variable tensors and resource variables
        back to their defaults, stateful kernels reset. As in TFLM, a CALL_ONCE that has run
        stays done (its init subgraph does not run again)."""
        self._runtime.reset()
        return 0

    def predict(self, *inputs):
        """Float in, float out: quantizes each input with its own parameters, invokes, and
        returns the dequantized outputs (one array, or a tuple for several outputs)."""
        if len(inputs) != self.num_inputs:
            raise ValueError(f"the model has {self.num_inputs} inputs, got {len(inputs)}")
        for i, x in enumerate(inputs):
            self.set_input(self._to_input_type(np.asarray(x), i), i)
        self.invoke()
        outputs = tuple(self._from_output_type(i) for i in range(self.num_outputs))
        return outputs[0] if len(outputs) == 1 else outputs

    # -- memory -----------------------------------------------------------------------------
    def arena_used_bytes(self) -> int:
        """Bytes of the arena the plan uses: planned activations and scratch (TFLM's "head")
        plus the persistent area (variable tensors and kernel state)."""
        return int(self._runtime.head_bytes + self._runtime.persistent_bytes)

    def persistent_parts(self) -> dict:
        """What the persistent area holds, in bytes: "variable_tensors" (the model's state
        tensors), "kernel_state" (kernels' persistent data, e.g. the signal ops' buffers) and
        "resource_variables" (VAR_HANDLE storage). They sum to the persistent area."""
        return {k: int(v) for k, v in self._runtime.persistent_parts.items()}

    @property
    def arena_size(self) -> int:
        return int(self._runtime.arena_size)

    def memory_plan(self) -> list[dict]:
        """Every planned buffer: tensor (or scratch of a node), offset, size, lifetime in
        scopes (0 = graph inputs, node i runs at scope i + 1 in a one-subgraph model).
        Tensors and nodes of later subgraphs are numbered after the main graph's, subgraph
        after subgraph, and named "subgraph k: name"."""
        names, labels = [], []
        for g in self._model.subgraphs:
            prefix = "" if g.index == 0 else f"subgraph {g.index}: "
            names += [prefix + t.name for t in g.tensors]
            labels += [f"{prefix}operator {op.index}" for op in g.operators]
        return [{"tensor": t, "name": names[t] if t >= 0 else f"scratch of {labels[n]}",
                 "node": n, "offset": off, "size": size, "first": first, "last": last}
                for t, n, off, size, first, last in self._runtime.plan()]

    def print_allocations(self) -> None:
        print(f"tflm-host arena: {self.arena_used_bytes()} bytes used of {self.arena_size} "
              f"(head {self._runtime.head_bytes}, persistent {self._runtime.persistent_bytes})",
              file=sys.stderr)

    # -- internals --------------------------------------------------------------------------
    def _io_index(self, index, kind: str) -> int:
        count = len(self._inputs) if kind == "input" else len(self._outputs)
        if type(index) is int and 0 <= index < count:  # the common case, checked cheaply
            return index
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
            raise TypeError(f"{kind} index must be an integer, got {type(index).__name__}")
        if not 0 <= index < count:
            raise IndexError(f"{kind} index {index} out of range: the model has {count} {kind}s")
        return int(index)

    def _view(self, tensor_index: int) -> np.ndarray:
        info = self._graph.tensors[tensor_index]
        raw = np.frombuffer(self._runtime.tensor_buffer(tensor_index), dtype=np.uint8)
        return raw.view(info.numpy_dtype).reshape(info.shape)

    def _to_input_type(self, x: np.ndarray, index: int) -> np.ndarray:
        info = self._graph.tensors[self._graph.inputs[index]]
        if info.quantization is not None and info.dtype in ("INT8", "UINT8", "INT16"):
            q = info.quantization
            return quantize(x, q.scales[0], q.zero_points[0], info.numpy_dtype)
        return x.astype(info.numpy_dtype)

    def _from_output_type(self, index: int) -> np.ndarray:
        info = self._graph.tensors[self._graph.outputs[index]]
        out = self._outputs[index]
        if info.quantization is not None and info.dtype in ("INT8", "UINT8", "INT16", "INT32"):
            return dequantize(out, info.quantization.scales[0], info.quantization.zero_points[0])
        return out.copy()


def _check_io_types(graph) -> None:
    """Model inputs and outputs are numpy arrays: packed (INT4) and STRING tensors have no
    numpy view to read or write them through."""
    for kind, indices in (("input", graph.inputs), ("output", graph.outputs)):
        for position, t in enumerate(indices):
            dtype = graph.tensors[t].dtype
            if dtype not in NUMPY_DTYPES:
                raise ModelError(f"model {kind} {position} (tensor {t}) has type {dtype}, which "
                                 f"tflm-host cannot pass in or out as a numpy array")


def _check_arena_size(arena_size) -> int:
    if isinstance(arena_size, bool) or not isinstance(arena_size, (int, np.integer)):
        raise TypeError(f"arena_size must be an integer or None, got {type(arena_size).__name__}")
    if arena_size <= 0:
        raise ValueError(f"arena_size must be positive, got {arena_size}")
    return int(arena_size)


def _details(info: TensorInfo) -> dict:
    q = info.quantization
    return {
        "name": info.name,
        "index": info.index,
        "dtype": NUMPY_DTYPES.get(info.dtype, np.uint8),
        "shape": np.array(info.shape, dtype=np.int32),
        "quantization_parameters": {
            "scales": q.scales.copy() if q else np.array([], dtype=np.float32),
            "zero_points": q.zero_points.copy() if q else np.array([], dtype=np.int32),
            "quantized_dimension": q.axis if q else 0,
        },
    }


def _build_runtime(model: Model, kernels: str, python_ops=None):
    """The native runtime of `model`: every subgraph's tensors and nodes in one table, later
    subgraphs' tensor indices shifted past the earlier ones'."""
    runtime = _core.Runtime(kernels)
    type_codes = {name: code for code, name in _tensor_type_names().items()}
    python_ops = python_ops or {}
    offset = 0
    for graph in model.subgraphs:
        if graph.index > 0:
            runtime.begin_subgraph()
        for t in graph.tensors:
            q = t.quantization
            runtime.add_tensor(
                type_codes[t.dtype], list(t.shape), t.nbytes, t.data, t.is_variable,
                q.scales.tolist() if q else [], q.zero_points.tolist() if q else [],
                q.axis if q else 0)
        def shift(indices, offset=offset):  # local tensor indices -> the runtime's table
            return [t + offset if t >= 0 else t for t in indices]

        for op in graph.operators:
            ints, floats, lists = _split_options(op.options)
            node = runtime.add_node(op.op_name, op.builtin_code, shift(op.inputs),
                                    shift(op.outputs), shift(op.intermediates), ints, floats,
                                    lists, op.custom_options or b"")
            strings = {k: v for k, v in op.options.items() if isinstance(v, str)}
            if strings:
                runtime.set_string_options(node, strings)
            if op.is_custom and op.op_name in python_ops:
                runtime.set_python_kernel(
                    node, _custom_ops.node_function(graph, op, python_ops[op.op_name]))
        runtime.set_subgraph_io(graph.index, shift(graph.inputs), shift(graph.outputs))
        offset += len(graph.tensors)
    if model.offline_plan is not None:
        runtime.set_offline_offsets([o for offsets in model.offline_plan for o in offsets])
    return runtime


def _tensor_type_names() -> dict:
    from .model import TENSOR_TYPES
    return TENSOR_TYPES


def _split_options(options) -> tuple[dict, dict, dict]:
    ints, floats, lists = {}, {}, {}
    for name, value in options.items():
        if isinstance(value, int):  # bools too
            if -2**63 <= value < 2**63:  # custom (FlexBuffers) options may hold any uint64
                ints[name] = int(value)
        elif isinstance(value, float):
            floats[name] = value
        elif isinstance(value, tuple) and all(isinstance(v, int) for v in value):
            lists[name] = list(value)
    return ints, floats, lists
