"""Exception types. Each is also a standard Python exception so callers can catch either."""


class TflmHostError(Exception):
    """Base class of every error tflm-host raises on purpose."""


class ModelError(TflmHostError, ValueError):
    """The model bytes are malformed, inconsistent or of an unsupported schema version."""


class UnsupportedOpError(TflmHostError, NotImplementedError):
    """The model uses operators (or operator/type combinations) this build cannot run."""

    def __init__(self, message: str, unsupported: list[str]):
        super().__init__(message)
        self.unsupported = unsupported


class PrepareError(TflmHostError, ValueError):
    """An operator rejected its tensors while preparing (TFLM's Prepare checks)."""


class ArenaTooSmallError(TflmHostError, MemoryError):
    """The arena cannot hold the memory plan."""

    def __init__(self, required: int, available: int):
        super().__init__(
            f"tensor arena too small: the model needs {required} bytes, the arena has {available}"
            f" (pass arena_size>={required}, or arena_size=None to size it automatically)")
        self.required, self.available = required, available


class InvokeError(TflmHostError, RuntimeError):
    """An operator failed while running (for example an out-of-range index at run time)."""
