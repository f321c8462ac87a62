"""A bounds-checked reader for flatbuffers described by tflite_schema.TABLES.

Every offset is checked against the buffer before it is followed, so a truncated or hostile
file raises FlatbufferError instead of reading garbage. Vectors of scalars come back as numpy
views into the original bytes (zero-copy). Nesting depth is bounded to stop offset cycles.
"""
from __future__ import annotations

import struct

import numpy as np

from .tflite_schema import ENUMS, TABLES, UNIONS

_SCALAR_FORMATS = {
    "bool": "<?", "byte": "<b", "ubyte": "<B", "short": "<h", "ushort": "<H", "int": "<i",
    "uint": "<I", "long": "<q", "ulong": "<Q", "float": "<f", "double": "<d", "int8": "<b",
    "uint8": "<B", "int16": "<h", "uint16": "<H", "int32": "<i", "uint32": "<I",
    "int64": "<q", "uint64": "<Q", "float32": "<f", "float64": "<d",
}
_NUMPY_TYPES = {k: np.dtype(v) for k, v in _SCALAR_FORMATS.items()}
_MAX_DEPTH = 64


class FlatbufferError(ValueError):
    """The bytes are not a well-formed flatbuffer of the expected schema."""


def _scalar_type(ftype: str) -> str | None:
    if ftype in _SCALAR_FORMATS:
        return ftype
    if ftype in ENUMS:
        return ENUMS[ftype][0]
    return None


class Table:
    """One table of a known schema type at a checked position in the buffer."""

    __slots__ = ("_buf", "_pos", "_type", "_vtable", "_vtable_len", "_depth")

    def __init__(self, buf: memoryview, pos: int, type_name: str, depth: int = 0):
        if depth > _MAX_DEPTH:
            raise FlatbufferError("flatbuffer tables nest too deeply (offset cycle?)")
        self._buf, self._pos, self._type, self._depth = buf, pos, type_name, depth
        _check(buf, pos, 4, f"{type_name} table")
        (soffset,) = struct.unpack_from("<i", buf, pos)
        vtable = pos - soffset
        _check(buf, vtable, 4, f"{type_name} vtable")
        vtable_len, table_len = struct.unpack_from("<HH", buf, vtable)
        if vtable_len < 4 or vtable_len % 2:
            raise FlatbufferError(f"{type_name} vtable has invalid size {vtable_len}")
        _check(buf, vtable, vtable_len, f"{type_name} vtable")
        _check(buf, pos, max(table_len, 4), f"{type_name} table")
        self._vtable, self._vtable_len = vtable, vtable_len

    @property
    def type_name(self) -> str:
        return self._type

    def _field_pos(self, slot: int) -> int:
        entry = 4 + 2 * slot
        if entry + 2 > self._vtable_len:
            return 0
        (offset,) = struct.unpack_from("<H", self._buf, self._vtable + entry)
        return self._pos + offset if offset else 0

    def get(self, name: str):
        """Reads one field: a scalar (or its default), a str, a numpy vector, a Table or a list
        of Tables. Absent non-scalar fields read as None."""
        for fname, ftype, default, slot in TABLES[self._type]:
            if fname == name:
                return self._read(ftype, default, slot)
        raise KeyError(f"{self._type} has no field {name!r}")

    def _read(self, ftype: str, default, slot: int):
        pos = self._field_pos(slot)
        scalar = _scalar_type(ftype)
        if scalar is not None:
            if not pos:
                return default
            fmt = _SCALAR_FORMATS[scalar]
            _check(self._buf, pos, struct.calcsize(fmt), f"{self._type} field")
            return struct.unpack_from(fmt, self._buf, pos)[0]
        if not pos:
            return None
        target = self._follow(pos)
        if ftype == "string":
            data = self._vector_bytes(target, 1)
            return bytes(data).decode("utf-8", errors="replace")
        if ftype.startswith("["):
            elem = ftype[1:-1]
            elem_scalar = _scalar_type(elem)
            if elem_scalar is not None:
                dtype = _NUMPY_TYPES[elem_scalar]
                data = self._vector_bytes(target, dtype.itemsize)
                return np.frombuffer(data, dtype=dtype)
            if elem in TABLES:
                count = self._vector_len(target, 4)
                return [Table(self._buf, self._follow(target + 4 + 4 * i), elem, self._depth + 1)
                        for i in range(count)]
            raise FlatbufferError(f"unsupported vector element type {elem}")
        if ftype in TABLES:
            return Table(self._buf, target, ftype, self._depth + 1)
        if ftype in UNIONS:
            type_index = self._read("ubyte", 0, slot - 1)
            members = UNIONS[ftype]
            if not 0 < type_index < len(members):
                raise FlatbufferError(f"{self._type}: union {ftype} has invalid type {type_index}")
            return Table(self._buf, target, members[type_index], self._depth + 1)
        raise FlatbufferError(f"unsupported field type {ftype}")

    def _follow(self, pos: int) -> int:
        _check(self._buf, pos, 4, f"{self._type} offset")
        (offset,) = struct.unpack_from("<I", self._buf, pos)
        return pos + offset

    def _vector_len(self, pos: int, elem_size: int) -> int:
        _check(self._buf, pos, 4, f"{self._type} vector length")
        (count,) = struct.unpack_from("<I", self._buf, pos)
        _check(self._buf, pos + 4, count * elem_size, f"{self._type} vector of {count}")
        return count

    def _vector_bytes(self, pos: int, elem_size: int) -> memoryview:
        count = self._vector_len(pos, elem_size)
        return self._buf[pos + 4: pos + 4 + count * elem_size]

    def vector_position(self, name: str) -> int:
        """Byte offset of the first element of a vector field in the buffer (-1 if absent)."""
        for fname, _, _, slot in TABLES[self._type]:
            if fname == name:
                pos = self._field_pos(slot)
                return self._follow(pos) + 4 if pos else -1
        raise KeyError(name)


def _check(buf: memoryview, pos: int, size: int, what: str) -> None:
    if pos < 0 or size < 0 or pos + size > len(buf):
        raise FlatbufferError(
            f"{what} at byte {pos} (+{size}) lies outside the {len(buf)}-byte model")


def root_table(buf: memoryview, type_name: str, identifier: bytes | None = None) -> Table:
    if len(buf) < 8:
        raise FlatbufferError(f"model is {len(buf)} bytes, too short to be a flatbuffer")
    if identifier is not None and bytes(buf[4:8]) != identifier:
        raise FlatbufferError(
            f"file identifier is {bytes(buf[4:8])!r}, expected {identifier!r} (not a .tflite model?)")
    (root,) = struct.unpack_from("<I", buf, 0)
    return Table(buf, root, type_name)
