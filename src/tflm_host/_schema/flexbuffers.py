"""A small, bounds-checked FlexBuffers reader for custom operator options.

TFLM's custom ops (the signal library among them) keep their options in a FlexBuffers map
in Operator.custom_options. `read_map` decodes such a map into a dict of plain Python values
(int, float, bool, str, bytes, None, lists and nested dicts). Every offset and size is checked
against the buffer, and nesting is limited, so malformed bytes raise FlexBuffersError instead
of reading out of bounds or recursing without end.

Format (flatbuffers.dev "FlexBuffers"): the last byte is the root's byte width, the byte
before it the root's packed type (type << 2 | bit width code), and the root value sits just
before that. Offsets point backwards: target = position of the offset - its value. A map's
values form a vector whose size precedes it, whose packed element types follow it, and which
is preceded (before the size) by the keys vector's offset and byte width.
"""
from __future__ import annotations

import struct

__all__ = ["FlexBuffersError", "read_map", "read_root"]

_MAX_DEPTH = 16

# Value types of the format.
_NULL, _INT, _UINT, _FLOAT, _KEY, _STRING = 0, 1, 2, 3, 4, 5
_INDIRECT_INT, _INDIRECT_UINT, _INDIRECT_FLOAT = 6, 7, 8
_MAP, _VECTOR = 9, 10
_VECTOR_INT, _VECTOR_UINT, _VECTOR_FLOAT, _VECTOR_KEY, _VECTOR_STRING = 11, 12, 13, 14, 15
_VECTOR_INT2, _VECTOR_FLOAT4 = 16, 24  # fixed-length typed vectors: 16..24
_BLOB, _BOOL, _VECTOR_BOOL = 25, 26, 36


class FlexBuffersError(ValueError):
    """The bytes are not a well-formed FlexBuffer."""


class _Reader:
    def __init__(self, data: bytes):
        self.data = bytes(data)

    def _check(self, position: int, size: int) -> None:
        if position < 0 or size < 0 or position + size > len(self.data):
            raise FlexBuffersError(
                f"read of {size} bytes at {position} is outside the {len(self.data)}-byte buffer")

    def uint(self, position: int, width: int) -> int:
        self._check(position, width)
        return int.from_bytes(self.data[position:position + width], "little", signed=False)

    def int(self, position: int, width: int) -> int:
        self._check(position, width)
        return int.from_bytes(self.data[position:position + width], "little", signed=True)

    def float(self, position: int, width: int) -> float:
        if width not in (4, 8):
            raise FlexBuffersError(f"float of byte width {width}")
        self._check(position, width)
        return struct.unpack_from("<f" if width == 4 else "<d", self.data, position)[0]

    def indirect(self, position: int, width: int) -> int:
        target = position - self.uint(position, width)
        if target < 0 or target >= len(self.data):
            raise FlexBuffersError(f"offset at {position} points outside the buffer")
        return target

    def cstring(self, position: int) -> str:
        end = self.data.find(b"\0", position)
        if position < 0 or end < 0:
            raise FlexBuffersError(f"unterminated key at {position}")
        return self.data[position:end].decode("utf-8", errors="replace")

    def sized(self, position: int, width: int) -> int:
        """Element count stored just before a vector, string or blob."""
        size = self.uint(position - width, width)
        if size > len(self.data):
            raise FlexBuffersError(f"size {size} at {position - width} exceeds the buffer")
        return size

    # -- values -----------------------------------------------------------------------------
    def value(self, position: int, parent_width: int, packed_type: int, depth: int):
        if depth > _MAX_DEPTH:
            raise FlexBuffersError("nesting too deep")
        kind, width = packed_type >> 2, 1 << (packed_type & 3)
        if kind == _NULL:
            return None
        if kind == _INT:
            return self.int(position, parent_width)
        if kind == _UINT:
            return self.uint(position, parent_width)
        if kind == _BOOL:
            return self.uint(position, parent_width) != 0
        if kind == _FLOAT:
            return self.float(position, parent_width)
        target = self.indirect(position, parent_width)
        if kind == _INDIRECT_INT:
            return self.int(target, width)
        if kind == _INDIRECT_UINT:
            return self.uint(target, width)
        if kind == _INDIRECT_FLOAT:
            return self.float(target, width)
        if kind == _KEY:
            return self.cstring(target)
        if kind in (_STRING, _BLOB):
            size = self.sized(target, width)
            self._check(target, size)
            raw = self.data[target:target + size]
            return raw.decode("utf-8", errors="replace") if kind == _STRING else raw
        if kind == _MAP:
            return self.map(target, width, depth + 1)
        if kind == _VECTOR:
            size = self.sized(target, width)
            types = self._types(target, size, width)
            return [self.value(target + i * width, width, types[i], depth + 1)
                    for i in range(size)]
        if _VECTOR_INT <= kind <= _VECTOR_FLOAT4 or kind == _VECTOR_BOOL:
            return self.typed_vector(target, width, kind, depth)
        raise FlexBuffersError(f"unknown value type {kind}")

    def _types(self, target: int, size: int, width: int) -> bytes:
        start = target + size * width
        self._check(start, size)
        return self.data[start:start + size]

    def typed_vector(self, target: int, width: int, kind: int, depth: int) -> list:
        if kind == _VECTOR_BOOL:
            element, size = _BOOL, self.sized(target, width)
        elif kind <= _VECTOR_STRING:
            element, size = kind - _VECTOR_INT + _INT, self.sized(target, width)
        else:  # fixed length 2, 3 or 4 of int, uint or float: no stored size
            offset = kind - _VECTOR_INT2
            element, size = offset % 3 + _INT, offset // 3 + 2
        self._check(target, size * width)
        element_type = element << 2
        return [self.value(target + i * width, width, element_type, depth + 1)
                for i in range(size)]

    def map(self, target: int, width: int, depth: int) -> dict:
        size = self.sized(target, width)
        keys_position = self.indirect(target - 3 * width, width)
        keys_width = self.uint(target - 2 * width, width)
        if keys_width not in (1, 2, 4, 8):
            raise FlexBuffersError(f"map keys have byte width {keys_width}")
        if self.sized(keys_position, keys_width) != size:
            raise FlexBuffersError("map has different numbers of keys and values")
        types = self._types(target, size, width)
        out = {}
        for i in range(size):
            key = self.cstring(self.indirect(keys_position + i * keys_width, keys_width))
            out[key] = self.value(target + i * width, width, types[i], depth + 1)
        return out


def read_root(data: bytes):
    """Decodes the root value of a FlexBuffer."""
    reader = _Reader(data)
    if len(reader.data) < 3:
        raise FlexBuffersError("a FlexBuffer needs at least 3 bytes")
    root_width = reader.data[-1]
    if root_width not in (1, 2, 4, 8):
        raise FlexBuffersError(f"root byte width {root_width}")
    packed_type = reader.data[-2]
    position = len(reader.data) - 2 - root_width
    return reader.value(position, root_width, packed_type, 0)


def read_map(data: bytes) -> dict:
    """Decodes a FlexBuffer whose root is a map (the custom-options convention)."""
    root = read_root(data)
    if not isinstance(root, dict):
        raise FlexBuffersError(f"root is a {type(root).__name__}, not a map")
    return root
