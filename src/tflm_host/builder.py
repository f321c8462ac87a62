"""ModelBuilder: writes small .tflite models from Python, for tests, examples and tools.

    b = ModelBuilder()
    x = b.add_input("x", [1, 8, 8, 3], "INT8", scale=0.05, zero_point=-3)
    w = b.add_constant("w", weights, scale=[...], zero_point=[...], axis=0)
    y = b.add_tensor("y", [1, 8, 8, 4], "INT8", scale=0.1, zero_point=2)
    b.add_operator("CONV_2D", [x, w, bias], [y], padding="SAME", stride_w=1, stride_h=1)
    b.add_output(y)
    data = b.build()

Options are the schema's field names; enum-typed options accept member names. The table is
the op's own options table (CONV_2D -> Conv2DOptions), or `options_table=` when it differs.
The writer is generic over the generated schema description, like the reader in _schema.

The builder's own methods build subgraph 0 (the model's main graph). Control-flow models add
more subgraphs, each with the same methods, and name them by index in the options:

    then = b.add_subgraph("then")
    a = then.add_input("a", [4], "FLOAT32")
    ...
    b.add_operator("IF", [cond, x], [y], then_subgraph_index=then.index,
                   else_subgraph_index=other.index)
"""
from __future__ import annotations

import flatbuffers
import numpy as np

from ._schema import ENUMS, TABLES, UNIONS
from .model import NUMPY_DTYPES

_OPTION_TABLES = {
    "CONV_2D": "Conv2DOptions", "DEPTHWISE_CONV_2D": "DepthwiseConv2DOptions",
    "AVERAGE_POOL_2D": "Pool2DOptions", "MAX_POOL_2D": "Pool2DOptions",
    "L2_POOL_2D": "Pool2DOptions", "MEAN": "ReducerOptions", "SUM": "ReducerOptions",
    "REDUCE_MAX": "ReducerOptions", "REDUCE_MIN": "ReducerOptions",
    "REDUCE_PROD": "ReducerOptions", "REDUCE_ANY": "ReducerOptions",
    "REDUCE_ALL": "ReducerOptions", "PADV2": "PadV2Options", "SVDF": "SVDFOptions",
    "UNIDIRECTIONAL_SEQUENCE_LSTM": "UnidirectionalSequenceLSTMOptions",
    "BATCH_TO_SPACE_ND": "BatchToSpaceNDOptions", "SPACE_TO_BATCH_ND": "SpaceToBatchNDOptions",
    "L2_NORMALIZATION": "L2NormOptions", "MAXIMUM": "MaximumMinimumOptions",
    "MINIMUM": "MaximumMinimumOptions", "BATCH_MATMUL": "BatchMatMulOptions",
    "EMBEDDING_LOOKUP": "EmbeddingLookupOptions",
}

# The inverse of model.NUMPY_DTYPES; RESOURCE's int32 stands for INT32.
_NUMPY_TO_TENSOR_TYPE = {np.dtype(value): name for name, value in NUMPY_DTYPES.items()
                         if name != "RESOURCE"}

_SLOT_WRITERS = {
    "bool": "PrependBoolSlot", "byte": "PrependInt8Slot", "ubyte": "PrependUint8Slot",
    "short": "PrependInt16Slot", "ushort": "PrependUint16Slot", "int": "PrependInt32Slot",
    "uint": "PrependUint32Slot", "long": "PrependInt64Slot", "ulong": "PrependUint64Slot",
    "float": "PrependFloat32Slot", "double": "PrependFloat64Slot", "int32": "PrependInt32Slot",
    "uint32": "PrependUint32Slot", "int64": "PrependInt64Slot", "int8": "PrependInt8Slot",
    "uint8": "PrependUint8Slot", "int16": "PrependInt16Slot", "uint16": "PrependUint16Slot",
}
_VECTOR_DTYPES = {
    "bool": np.bool_, "byte": np.int8, "ubyte": np.uint8, "short": np.int16, "ushort": np.uint16,
    "int": np.int32, "uint": np.uint32, "long": np.int64, "ulong": np.uint64, "float": np.float32,
    "double": np.float64, "int32": np.int32, "int64": np.int64,
}


def options_table_for(op: str) -> str | None:
    name = _OPTION_TABLES.get(op)
    if name is None:
        name = "".join(part.capitalize() for part in op.split("_")) + "Options"
    return name if name in TABLES else None


class SubgraphBuilder:
    """Tensors, operators, inputs and outputs of one subgraph. Buffers and operator codes
    are the model's, shared by all its subgraphs."""

    def __init__(self, model: "ModelBuilder", index: int, name: str):
        self._model = model
        self.index = index
        self.name = name
        self._tensors: list[dict] = []
        self._operators: list[dict] = []
        self._inputs: list[int] = []
        self._outputs: list[int] = []

    # -- tensors --------------------------------------------------------------------------
    def add_tensor(self, name: str, shape, dtype: str, scale=None, zero_point=None, axis: int = 0,
                   is_variable: bool = False, buffer: int = 0) -> int:
        if dtype not in ENUMS["TensorType"][1]:
            raise ValueError(f"unknown tensor type {dtype!r}")
        tensor = {"name": name, "shape": [int(d) for d in shape],
                  "type": ENUMS["TensorType"][1][dtype], "buffer": buffer,
                  "is_variable": is_variable}
        if scale is not None:
            scales = np.atleast_1d(np.asarray(scale, dtype=np.float32))
            zps = np.atleast_1d(np.asarray(0 if zero_point is None else zero_point, np.int64))
            if zps.size == 1 and scales.size > 1:
                zps = np.repeat(zps, scales.size)
            tensor["quantization"] = {"scale": scales, "zero_point": zps,
                                      "quantized_dimension": axis}
        self._tensors.append(tensor)
        return len(self._tensors) - 1

    def add_input(self, name: str, shape, dtype: str, **quant) -> int:
        index = self.add_tensor(name, shape, dtype, **quant)
        self._inputs.append(index)
        return index

    def add_constant(self, name: str, array, dtype: str | None = None, **quant) -> int:
        array = np.asarray(array)
        array = np.ascontiguousarray(array).reshape(array.shape)  # keeps 0-d (scalar) shapes
        dtype = dtype or _NUMPY_TO_TENSOR_TYPE[array.dtype]
        buffer = self._model._add_buffer(array.tobytes())
        return self.add_tensor(name, array.shape, dtype, buffer=buffer, **quant)

    def add_output(self, index: int) -> None:
        self._outputs.append(index)

    # -- operators ------------------------------------------------------------------------
    def add_operator(self, op: str, inputs, outputs, *, custom_options: bytes | None = None,
                     options_table: str | None = None, version: int = 1,
                     intermediates=None, **options) -> int:
        entry = {"opcode_index": self._model._op_code_index(op, version),
                 "inputs": list(inputs), "outputs": list(outputs)}
        if intermediates:
            entry["intermediates"] = list(intermediates)
        table = options_table or (options_table_for(op) if op in ENUMS["BuiltinOperator"][1] else None)
        if options and table is None:
            raise ValueError(f"{op} has no options table; pass options_table=")
        if table is not None:
            union = "builtin_options" if table in UNIONS["BuiltinOptions"] else "builtin_options_2"
            entry[union] = (table, _resolve_enums(table, options))
        if custom_options is not None:
            entry["custom_options"] = np.frombuffer(bytes(custom_options), dtype=np.uint8)
        self._operators.append(entry)
        return len(self._operators) - 1

    def _table(self) -> dict:
        return {"tensors": self._tensors, "inputs": self._inputs, "outputs": self._outputs,
                "operators": self._operators, "name": self.name}


class ModelBuilder:
    """Writes a .tflite model; its own tensor and operator methods build subgraph 0."""

    def __init__(self, description: str = "tflm-host ModelBuilder"):
        self.description = description
        self._buffers: list[bytes] = [b""]
        self._op_codes: list[tuple[str, int]] = []
        self._metadata: list[tuple[str, bytes]] = []
        self._subgraphs = [SubgraphBuilder(self, 0, "main")]

    @property
    def main(self) -> SubgraphBuilder:
        return self._subgraphs[0]

    def add_subgraph(self, name: str = "") -> SubgraphBuilder:
        """A new, empty subgraph (index 1, 2, ... in the order added)."""
        subgraph = SubgraphBuilder(self, len(self._subgraphs), name or f"subgraph{len(self._subgraphs)}")
        self._subgraphs.append(subgraph)
        return subgraph

    # Subgraph 0's builder methods, on the model builder itself.
    def add_tensor(self, *args, **kwargs) -> int:
        return self.main.add_tensor(*args, **kwargs)

    def add_input(self, *args, **kwargs) -> int:
        return self.main.add_input(*args, **kwargs)

    def add_constant(self, *args, **kwargs) -> int:
        return self.main.add_constant(*args, **kwargs)

    def add_output(self, index: int) -> None:
        self.main.add_output(index)

    def add_operator(self, *args, **kwargs) -> int:
        return self.main.add_operator(*args, **kwargs)

    def add_metadata(self, name: str, data: bytes) -> None:
        self._metadata.append((name, self._add_buffer(bytes(data))))

    def _add_buffer(self, data: bytes) -> int:
        self._buffers.append(data)
        return len(self._buffers) - 1

    def _op_code_index(self, op: str, version: int) -> int:
        key = (op, version)
        if key not in self._op_codes:
            self._op_codes.append(key)
        return self._op_codes.index(key)

    # -- writing --------------------------------------------------------------------------
    def build(self) -> bytes:
        builtin = ENUMS["BuiltinOperator"][1]
        codes = []
        for op, version in self._op_codes:
            if op in builtin:
                code = builtin[op]
                codes.append({"deprecated_builtin_code": min(code, 127), "builtin_code": code,
                              "version": version})
            else:
                codes.append({"deprecated_builtin_code": builtin["CUSTOM"], "custom_code": op,
                              "builtin_code": builtin["CUSTOM"], "version": version})
        model = {
            "version": 3,
            "operator_codes": codes,
            "subgraphs": [subgraph._table() for subgraph in self._subgraphs],
            "description": self.description,
            "buffers": [_AlignedBytes(b) for b in self._buffers],
            "metadata": [{"name": n, "buffer": i} for n, i in self._metadata],
        }
        builder = flatbuffers.Builder(1024)
        root = _write_table(builder, "Model", model)
        builder.Finish(root, file_identifier=b"TFL3")
        return bytes(builder.Output())


class _AlignedBytes(bytes):
    """A Buffer whose data is written 16-byte aligned (the schema's force_align)."""


def _resolve_enums(table: str, options: dict) -> dict:
    fields = {name: ftype for name, ftype, _, _ in TABLES[table]}
    out = {}
    for name, value in options.items():
        if name not in fields:
            raise ValueError(f"{table} has no field {name!r} (fields: {', '.join(fields)})")
        ftype = fields[name]
        if isinstance(value, str) and ftype in ENUMS:
            members = ENUMS[ftype][1]
            if value not in members:
                raise ValueError(f"{name} must be one of {', '.join(members)}, got {value!r}")
            value = members[value]
        out[name] = value
    return out


def _write_table(builder: flatbuffers.Builder, table: str, values) -> int:
    if isinstance(values, _AlignedBytes):  # a Buffer given as its bytes
        values = {"data": values} if len(values) else {}
    fields = TABLES[table]
    offsets = {}
    for name, ftype, _, _ in fields:  # children first: flatbuffers forbids nesting
        if name not in values or values[name] is None:
            continue
        value = values[name]
        if ftype == "string":
            offsets[name] = builder.CreateString(value)
        elif ftype.startswith("["):
            offsets[name] = _write_vector(builder, ftype[1:-1], value)
        elif ftype in TABLES:
            offsets[name] = _write_table(builder, ftype, value)
        elif ftype in UNIONS:
            member, member_values = value
            offsets[name] = _write_table(builder, member, member_values)
    builder.StartObject(len(fields))
    for name, ftype, default, slot in fields:
        if name in offsets:
            builder.PrependUOffsetTRelativeSlot(slot, offsets[name], 0)
        elif name.endswith("_type") and name[:-5] in values and _is_union(table, name[:-5]):
            member = values[name[:-5]][0]
            union = _union_of(table, name[:-5])
            builder.PrependUint8Slot(slot, UNIONS[union].index(member), 0)
        elif name in values and values[name] is not None:
            scalar = ENUMS[ftype][0] if ftype in ENUMS else ftype
            value = values[name]
            getattr(builder, _SLOT_WRITERS[scalar])(slot, value, default if default is not None else 0)
    return builder.EndObject()


def _is_union(table: str, name: str) -> bool:
    return any(n == name and t in UNIONS for n, t, _, _ in TABLES[table])


def _union_of(table: str, name: str) -> str:
    return next(t for n, t, _, _ in TABLES[table] if n == name)


def _write_vector(builder: flatbuffers.Builder, elem: str, values) -> int:
    if elem in TABLES or elem == "string":
        children = [builder.CreateString(v) if elem == "string" else _write_table(builder, elem, v)
                    for v in values]
        builder.StartVector(4, len(children), 4)
        for child in reversed(children):
            builder.PrependUOffsetTRelative(child)
        return builder.EndVector()
    if isinstance(values, bytes):  # constant data: 16-byte aligned like TFLite's converter
        data = bytes(values)
        builder.StartVector(1, len(data), 16)
        builder.head -= len(data)
        builder.Bytes[builder.head:builder.head + len(data)] = data
        return builder.EndVector()
    scalar = ENUMS[elem][0] if elem in ENUMS else elem
    return builder.CreateNumpyVector(np.asarray(values, dtype=_VECTOR_DTYPES[scalar]))
