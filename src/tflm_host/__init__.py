"""tflm-host: run TensorFlow Lite Micro models on a PC, bit-exact with TFLM."""
from .errors import (ArenaTooSmallError, InvokeError, ModelError, PrepareError, TflmHostError,
                     UnsupportedOpError)
from .custom_ops import CustomOpError, register_custom_op, unregister_custom_op
from .interpreter import Interpreter
from .model import Model, load_model
from .ops import supported_ops
from .quantization import dequantize, quantize

__version__ = "0.1.0"

__all__ = [
    "Interpreter", "Model", "load_model", "quantize", "dequantize", "supported_ops",
    "TflmHostError", "ModelError", "UnsupportedOpError", "PrepareError", "ArenaTooSmallError",
    "InvokeError", "CustomOpError", "register_custom_op", "unregister_custom_op",
]
