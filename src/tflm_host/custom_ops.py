"""Custom operators implemented in Python: the slow path for ops no built-in kernel covers.

    def my_gelu(inputs, options):
        (x,) = inputs
        return [0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x**3)))]

    tflm_host.register_custom_op("MyGelu", my_gelu)        # for every interpreter
    Interpreter(model, custom_ops={"MyGelu": my_gelu})     # or for this one (wins)

`fn(inputs, options)` gets the node's inputs as numpy arrays (copies; None for an omitted
optional input) and its custom options as bytes (b"" when absent), and returns one array per
output (or a single array for a one-output node) with exactly the output tensor's shape and
dtype. The runtime takes the GIL for that node only; an exception raised by `fn` leaves
invoke() as itself, with a note naming the op.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from .errors import TflmHostError
from .model import OperatorInfo, Subgraph

CustomOpFunction = Callable[[list, bytes], object]

_REGISTRY: dict[str, CustomOpFunction] = {}


def register_custom_op(name: str, fn: CustomOpFunction) -> None:
    """Makes `fn` the implementation of custom op `name` for interpreters created from now on
    (replacing an earlier registration)."""
    if not isinstance(name, str) or not name:
        raise TypeError("a custom op name must be a non-empty string")
    if not callable(fn):
        raise TypeError(f"the implementation of custom op {name!r} must be callable")
    _REGISTRY[name] = fn


def unregister_custom_op(name: str) -> None:
    _REGISTRY.pop(name, None)


def registered_custom_ops() -> dict[str, CustomOpFunction]:
    return dict(_REGISTRY)


def resolve(overrides: Mapping[str, CustomOpFunction] | None) -> dict[str, CustomOpFunction]:
    """The global registry with an interpreter's own `custom_ops` on top."""
    merged = dict(_REGISTRY)
    for name, fn in (overrides or {}).items():
        if not callable(fn):
            raise TypeError(f"custom_ops[{name!r}] must be callable")
        merged[name] = fn
    return merged


def node_function(subgraph: Subgraph, op: OperatorInfo, fn: CustomOpFunction):
    """The callable the native runtime calls for `op`: memoryviews of the inputs in, one
    contiguous array per output back, after checking what `fn` returned."""
    where = f"custom op {op.op_name} (subgraph {subgraph.index} operator {op.index})"
    inputs = [None if t < 0 else subgraph.tensors[t] for t in op.inputs]
    outputs = [subgraph.tensors[t] for t in op.outputs]
    options = op.custom_options or b""

    def call(views):
        arrays = [None if info is None else
                  np.frombuffer(view, dtype=info.numpy_dtype).reshape(info.shape).copy()
                  for info, view in zip(inputs, views)]
        try:
            result = fn(arrays, options)
        except BaseException as e:
            e.add_note(f"raised in {where}")
            e._tflm_host_custom_op = op.op_name
            raise
        return _checked_outputs(result, outputs, where)

    return call


def _checked_outputs(result, outputs, where: str) -> list[np.ndarray]:
    if isinstance(result, np.ndarray) or np.isscalar(result):
        result = [result]
    if not isinstance(result, (list, tuple)):
        raise CustomOpError(f"{where} returned {type(result).__name__}; expected a list of "
                            f"{len(outputs)} arrays")
    if len(result) != len(outputs):
        raise CustomOpError(f"{where} returned {len(result)} outputs; the model gives it "
                            f"{len(outputs)}")
    checked = []
    for k, (value, info) in enumerate(zip(result, outputs)):
        array = np.asarray(value)
        if array.dtype != info.numpy_dtype or array.shape != info.shape:
            raise CustomOpError(
                f"{where} output {k} is {array.dtype} of shape {list(array.shape)}; the model's "
                f"output tensor {info.name!r} is {np.dtype(info.numpy_dtype)} of shape "
                f"{list(info.shape)}")
        checked.append(np.ascontiguousarray(array))
    return checked


class CustomOpError(TflmHostError, TypeError):
    """A Python custom op returned outputs that do not match the model's output tensors."""
