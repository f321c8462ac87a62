"""The TFLite schema as data (generated) and a bounds-checked flatbuffer reader for it."""
from .tflite_schema import ENUMS, TABLES, UNIONS
from .reader import FlatbufferError, Table, root_table

__all__ = ["ENUMS", "TABLES", "UNIONS", "FlatbufferError", "Table", "root_table"]
