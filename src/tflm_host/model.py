"""The only place that reads the .tflite flatbuffer.

`load_model` accepts a path, bytes-like data, a uint8 numpy array or the C source that
`xxd -i` writes, validates everything the runtime will rely on (indices, shapes, buffer sizes,
quantization parameters), and returns an immutable `Model`. Constant tensor data are numpy
views into one 16-byte aligned copy of the model bytes, never copied again.
"""
from __future__ import annotations

import os
import re
import struct
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from ._schema import ENUMS, TABLES, FlatbufferError, Table, root_table
from ._schema.flexbuffers import FlexBuffersError, read_map
from .errors import ModelError

SCHEMA_VERSION = 3
OFFLINE_PLAN_METADATA = "OfflineMemoryAllocation"
_MAX_TENSOR_BYTES = 1 << 31

TENSOR_TYPES = {value: name for name, value in ENUMS["TensorType"][1].items()}
BUILTIN_OPS = {value: name for name, value in ENUMS["BuiltinOperator"][1].items()}

# numpy dtype of each tensor type whose elements are whole bytes.
NUMPY_DTYPES = {
    "FLOAT32": np.float32, "FLOAT16": np.float16, "FLOAT64": np.float64, "INT8": np.int8,
    "UINT8": np.uint8, "INT16": np.int16, "UINT16": np.uint16, "INT32": np.int32,
    "UINT32": np.uint32, "INT64": np.int64, "UINT64": np.uint64, "BOOL": np.bool_,
    "COMPLEX64": np.complex64, "COMPLEX128": np.complex128, "RESOURCE": np.int32,
}


@dataclass(frozen=True)
class Quantization:
    scales: np.ndarray        # float32, one per channel (or one per tensor)
    zero_points: np.ndarray   # int32, same length as scales
    axis: int                 # the quantized dimension (meaningful when len(scales) > 1)

    @property
    def per_channel(self) -> bool:
        return len(self.scales) > 1


@dataclass(frozen=True)
class TensorInfo:
    index: int
    name: str
    dtype: str                     # TensorType name, e.g. "INT8"
    shape: tuple[int, ...]
    nbytes: int
    data: np.ndarray | None        # uint8 view of the constant's bytes, None for activations
    quantization: Quantization | None
    is_variable: bool

    @property
    def is_constant(self) -> bool:
        return self.data is not None

    @property
    def numpy_dtype(self) -> np.dtype:
        return np.dtype(NUMPY_DTYPES.get(self.dtype, np.uint8))


@dataclass(frozen=True)
class OperatorInfo:
    index: int
    op_name: str                   # builtin name ("CONV_2D") or the custom code
    builtin_code: int              # BuiltinOperator value (CUSTOM = 32)
    version: int
    inputs: tuple[int, ...]        # -1 marks an omitted optional input
    outputs: tuple[int, ...]
    intermediates: tuple[int, ...]
    options: MappingProxyType      # builtin options by schema field name, or a custom op's
    options_table: str | None      # the schema table they came from ("flexbuffers": custom)
    custom_options: bytes | None

    @property
    def is_custom(self) -> bool:
        return self.builtin_code == ENUMS["BuiltinOperator"][1]["CUSTOM"]


@dataclass(frozen=True)
class Subgraph:
    index: int
    name: str
    tensors: tuple[TensorInfo, ...]
    operators: tuple[OperatorInfo, ...]
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]


@dataclass(frozen=True)
class Model:
    data: np.ndarray               # the whole model, 16-byte aligned, read-only
    version: int
    description: str
    subgraphs: tuple[Subgraph, ...]
    metadata: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    offline_plan: tuple[tuple[int, ...], ...] | None = None  # per-subgraph tensor offsets

    @property
    def main(self) -> Subgraph:
        return self.subgraphs[0]

    @property
    def size(self) -> int:
        return int(self.data.nbytes)


def read_model_bytes(source) -> np.ndarray:
    """Returns the model as a read-only, 16-byte aligned uint8 array."""
    if isinstance(source, Model):
        return source.data
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if not os.path.isfile(path):
            raise FileNotFoundError(f"model file not found: {path}")
        with open(path, "rb") as f:
            raw = f.read()
    elif isinstance(source, np.ndarray):
        if source.dtype != np.uint8 and source.dtype != np.int8:
            raise TypeError(f"a model array must be uint8, got {source.dtype}")
        raw = np.ascontiguousarray(source).reshape(-1).view(np.uint8).tobytes()
    elif isinstance(source, (bytes, bytearray, memoryview)):
        raw = bytes(source)
    else:
        raise TypeError(
            "model must be a path, bytes, bytearray, memoryview, a uint8 numpy array or "
            f"xxd -i C source; got {type(source).__name__}")
    if _looks_like_c_source(raw):
        raw = parse_c_array(raw.decode("utf-8", errors="replace"))
    aligned = np.empty(len(raw) + 16, dtype=np.uint8)
    start = (-aligned.ctypes.data) % 16
    out = aligned[start:start + len(raw)]
    out[:] = np.frombuffer(raw, dtype=np.uint8)
    out.flags.writeable = False
    return out


def _looks_like_c_source(raw: bytes) -> bool:
    if len(raw) >= 8 and raw[4:8] == b"TFL3":
        return False
    head = raw[:4096]
    return b"{" in head and b"=" in head and all(9 <= b < 128 for b in head)


_C_COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_C_NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|\d+")


def parse_c_array(text: str) -> bytes:
    """Extracts the bytes of the first array initializer in C source (`xxd -i` output or a
    TFLM-style `alignas(16) const unsigned char g_model[] = {...};`)."""
    text = _C_COMMENTS.sub("", text)
    match = re.search(r"\[\s*\w*\s*\]\s*(?:[A-Za-z_()0-9]+\s*)*=\s*\{([^}]*)\}", text)
    if not match:
        raise ModelError("C source holds no array initializer like `unsigned char m[] = {...};`")
    body = match.group(1)
    leftovers = _C_NUMBER.sub("", body).replace(",", "").split()
    if leftovers:
        raise ModelError(f"unexpected token {leftovers[0]!r} in the C array initializer")
    values = [int(tok, 0) for tok in _C_NUMBER.findall(body)]
    if any(v > 255 for v in values):
        raise ModelError("C array holds values above 255; expected bytes (unsigned char)")
    return bytes(values)


def load_model(source) -> Model:
    """Reads and validates a model. Raises ModelError (a ValueError) on malformed input."""
    if isinstance(source, Model):
        return source
    data = read_model_bytes(source)
    try:
        return _parse(data)
    except FlatbufferError as e:
        raise ModelError(f"malformed model: {e}") from None
    except (struct.error, OverflowError, UnicodeError, MemoryError) as e:
        raise ModelError(f"malformed model: {e}") from None


def _parse(data: np.ndarray) -> Model:
    buf = memoryview(data).cast("B")
    root = root_table(buf, "Model", b"TFL3")
    version = root.get("version")
    if version != SCHEMA_VERSION:
        raise ModelError(f"model schema version is {version}, expected {SCHEMA_VERSION}")
    buffers = [_buffer_data(b, data, i) for i, b in enumerate(root.get("buffers") or [])]
    op_codes = [_op_code(c) for c in root.get("operator_codes") or []]
    metadata = {}
    for entry in root.get("metadata") or []:
        index = entry.get("buffer")
        if index >= len(buffers):
            raise ModelError(f"metadata {entry.get('name')!r} names buffer {index} of {len(buffers)}")
        metadata[entry.get("name") or ""] = buffers[index]
    subgraph_tables = root.get("subgraphs") or []
    if not subgraph_tables:
        raise ModelError("model has no subgraphs")
    subgraphs = tuple(_subgraph(i, t, buffers, op_codes) for i, t in enumerate(subgraph_tables))
    offline = None
    if OFFLINE_PLAN_METADATA in metadata:
        offline = _offline_plan(metadata[OFFLINE_PLAN_METADATA], subgraphs)
    return Model(data=data, version=version, description=root.get("description") or "",
                 subgraphs=subgraphs, metadata=MappingProxyType(metadata), offline_plan=offline)


def _buffer_data(table: Table, data: np.ndarray, index: int) -> np.ndarray | None:
    offset, size = table.get("offset"), table.get("size")
    if offset > 1:
        if offset + size > len(data):
            raise ModelError(f"buffer {index} lies outside the model ({offset}+{size} bytes)")
        return data[offset:offset + size]
    vec = table.get("data")
    if vec is None or len(vec) == 0:
        return None
    start = table.vector_position("data")
    return data[start:start + len(vec)]


def _op_code(table: Table) -> tuple[int, str, int]:
    code = max(table.get("builtin_code"), table.get("deprecated_builtin_code"))
    if code == ENUMS["BuiltinOperator"][1]["CUSTOM"]:
        name = table.get("custom_code")
        if not name:
            raise ModelError("custom operator code without a custom_code name")
    else:
        name = BUILTIN_OPS.get(code)
        if name is None:
            raise ModelError(f"unknown builtin operator code {code}")
    return code, name, table.get("version")


def _checked_indices(values, count: int, what: str, allow_optional: bool = False) -> tuple[int, ...]:
    out = tuple(int(v) for v in (values if values is not None else ()))
    low = -1 if allow_optional else 0
    for v in out:
        if not low <= v < count:
            raise ModelError(f"{what} refers to tensor {v}, but the subgraph has {count} tensors")
    return out


def _subgraph(index: int, table: Table, buffers, op_codes) -> Subgraph:
    tensors = tuple(_tensor(i, t, buffers) for i, t in enumerate(table.get("tensors") or []))
    n = len(tensors)
    operators = []
    for op_index, op in enumerate(table.get("operators") or []):
        code_index = op.get("opcode_index")
        if code_index >= len(op_codes):
            raise ModelError(f"operator {op_index} uses opcode {code_index} of {len(op_codes)}")
        code, name, version = op_codes[code_index]
        where = f"subgraph {index} operator {op_index} ({name})"
        options, options_table = _options(op)
        custom = op.get("custom_options")
        if code == ENUMS["BuiltinOperator"][1]["CUSTOM"] and custom is not None:
            options, options_table = _custom_options(custom.tobytes())
        operators.append(OperatorInfo(
            index=op_index, op_name=name, builtin_code=code, version=version,
            inputs=_checked_indices(op.get("inputs"), n, where + " input", allow_optional=True),
            outputs=_checked_indices(op.get("outputs"), n, where + " output"),
            intermediates=_checked_indices(op.get("intermediates"), n, where + " intermediate",
                                           allow_optional=True),
            options=MappingProxyType(options), options_table=options_table,
            custom_options=None if custom is None else custom.tobytes()))
    subgraph = Subgraph(
        index=index, name=table.get("name") or "", tensors=tensors, operators=tuple(operators),
        inputs=_checked_indices(table.get("inputs"), n, f"subgraph {index} inputs"),
        outputs=_checked_indices(table.get("outputs"), n, f"subgraph {index} outputs"))
    _check_writes(subgraph)
    return subgraph


def _check_writes(subgraph: Subgraph) -> None:
    """Kernels and set_input write only to activations: never to constant model data."""
    for t in subgraph.inputs:
        if subgraph.tensors[t].is_constant:
            raise ModelError(f"subgraph {subgraph.index} input tensor {t} is a constant")
    for op in subgraph.operators:
        for t in op.outputs:
            if subgraph.tensors[t].is_constant:
                raise ModelError(
                    f"subgraph {subgraph.index} operator {op.index} ({op.op_name}) writes to "
                    f"constant tensor {t}")


def _options(op: Table) -> tuple[dict, str | None]:
    for field_name in ("builtin_options", "builtin_options_2"):
        if op.get(field_name + "_type"):
            table = op.get(field_name)
            if table is None:
                raise ModelError(f"operator has {field_name}_type set but no {field_name} table")
            return _table_to_dict(table), table.type_name
    return {}, None


def _custom_options(data: bytes) -> tuple[dict, str | None]:
    """A custom op's options: the FlexBuffers map TFLM's custom ops use. Other encodings
    (an NPU's raw command stream, say) are left to the kernel as bytes."""
    try:
        options = read_map(data)
    except FlexBuffersError:
        return {}, None
    return {key: _frozen(value) for key, value in options.items()}, "flexbuffers"


def _frozen(value):
    """FlexBuffers vectors as tuples (like builtin options' vectors), maps read-only."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    return value


def _table_to_dict(table: Table) -> dict:
    out = {}
    for name, ftype, _, _ in TABLES[table.type_name]:
        value = table.get(name)
        if isinstance(value, np.ndarray):
            value = tuple(value.tolist())
        elif isinstance(value, Table):
            value = _table_to_dict(value)
        elif isinstance(value, list):
            value = tuple(_table_to_dict(t) for t in value)
        out[name] = value
    return out


def element_bits(dtype: str) -> int:
    if dtype == "INT4" or dtype == "UINT4":
        return 4
    if dtype == "INT2":
        return 2
    np_type = NUMPY_DTYPES.get(dtype)
    if np_type is None:
        return 0
    return np.dtype(np_type).itemsize * 8


def _tensor(index: int, table: Table, buffers) -> TensorInfo:
    name = table.get("name") or ""
    where = f"tensor {index} ({name!r})"
    type_code = table.get("type")
    dtype = TENSOR_TYPES.get(type_code)
    if dtype is None:
        raise ModelError(f"{where} has unknown type code {type_code}")
    shape_vec = table.get("shape")
    shape = tuple(int(d) for d in (shape_vec if shape_vec is not None else ()))
    if any(d < 0 for d in shape):
        raise ModelError(f"{where} has negative dimension in shape {list(shape)}")
    count = 1
    for d in shape:
        count *= d
    bits = element_bits(dtype)
    nbytes = (count * bits + 7) // 8
    if nbytes >= _MAX_TENSOR_BYTES:
        raise ModelError(f"{where} would need {nbytes} bytes; the limit is 2 GiB")
    buffer_index = table.get("buffer")
    if buffer_index >= max(len(buffers), 1):
        raise ModelError(f"{where} refers to buffer {buffer_index}, the model has {len(buffers)}")
    data = buffers[buffer_index] if buffers else None
    if data is not None and dtype not in ("STRING",) and len(data) != nbytes:
        raise ModelError(
            f"{where}: constant data is {len(data)} bytes, but shape {list(shape)} of {dtype} "
            f"needs {nbytes}")
    quant = _quantization(table.get("quantization"), shape, where)
    return TensorInfo(index=index, name=name, dtype=dtype, shape=shape, nbytes=nbytes, data=data,
                      quantization=quant, is_variable=bool(table.get("is_variable")))


def _quantization(table: Table | None, shape, where: str) -> Quantization | None:
    if table is None:
        return None
    scales = table.get("scale")
    if scales is None or len(scales) == 0:
        return None
    zero_points = table.get("zero_point")
    if zero_points is None or len(zero_points) == 0:
        zero_points = np.zeros(len(scales), dtype=np.int64)
    if len(zero_points) != len(scales):
        raise ModelError(f"{where} has {len(scales)} scales but {len(zero_points)} zero points")
    if np.any(np.abs(zero_points) > 2**31 - 1):
        raise ModelError(f"{where} has a zero point outside int32")
    axis = int(table.get("quantized_dimension"))
    # Converters sometimes write a bias's quantized_dimension as the filter's (person_detect:
    # axis 3 on a 1-D bias), and TFLM accepts that; the kernels check the channel counts.
    if axis < 0:
        raise ModelError(f"{where} has negative quantized_dimension {axis}")
    return Quantization(scales=np.array(scales, dtype=np.float32),
                        zero_points=np.array(zero_points, dtype=np.int32), axis=axis)


def _offline_plan(buffer, subgraphs) -> tuple[tuple[int, ...], ...]:
    """OfflineMemoryAllocation: int32 [version, subgraph, count, offset per tensor...];
    an offset of -1 leaves that tensor to the online planner. As in TFLM the offsets cover
    the tensors of every subgraph, subgraph after subgraph; returns them per subgraph."""
    if buffer is None or len(buffer) < 12 or len(buffer) % 4:
        raise ModelError("OfflineMemoryAllocation metadata is too short or not int32 aligned")
    words = np.frombuffer(buffer.tobytes(), dtype="<i4")
    count = int(words[2])
    if count != len(words) - 3:
        raise ModelError(f"OfflineMemoryAllocation lists {count} tensors but holds {len(words) - 3}")
    total = sum(len(g.tensors) for g in subgraphs)
    if count != total:
        where = "the main subgraph has" if len(subgraphs) == 1 else "the subgraphs have"
        raise ModelError(f"OfflineMemoryAllocation covers {count} tensors, {where} {total}")
    if np.any(words[3:] < -1):
        raise ModelError("OfflineMemoryAllocation holds a negative offset")
    offsets, start = [], 3
    for g in subgraphs:
        offsets.append(tuple(int(w) for w in words[start:start + len(g.tensors)]))
        start += len(g.tensors)
    return tuple(offsets)
