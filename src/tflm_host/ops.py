"""Which operators this build can run: the load-time support check."""
from __future__ import annotations

from . import _core
from .errors import UnsupportedOpError
from .model import TENSOR_TYPES, Model


def kernel_table() -> dict[tuple[str, str], tuple[str, ...]]:
    """(op, variant) -> names of the input-0 types the kernel accepts (empty: any)."""
    return {(op, variant): tuple(TENSOR_TYPES[t] for t in types)
            for op, variant, types in _core.kernels()}


def supported_ops() -> dict[str, tuple[str, ...]]:
    """Each op this build runs, with the input types its reference kernel accepts."""
    return {op: types for (op, variant), types in sorted(kernel_table().items())
            if variant == "reference"}


def unsupported_operators(model: Model, variant: str = "reference",
                          custom_ops=()) -> list[str]:
    """Distinct 'OP on TYPE' descriptions of the operators no kernel here can run, in every
    subgraph. `custom_ops`: names of custom ops implemented in Python (always runnable)."""
    table = kernel_table()
    missing: list[str] = []
    for subgraph in model.subgraphs:
        for op in subgraph.operators:
            if op.is_custom and op.op_name in custom_ops:
                continue
            types = table.get((op.op_name, variant), table.get((op.op_name, "reference")))
            first = op.inputs[0] if op.inputs and op.inputs[0] >= 0 else None
            dtype = subgraph.tensors[first].dtype if first is not None else None
            kind = "custom op" if op.is_custom else "builtin op"
            if types is None:
                text = f"{kind} {op.op_name}"
            elif types and dtype not in types:
                text = f"{kind} {op.op_name} on {dtype} input (supported: {', '.join(types)})"
            else:
                continue
            if text not in missing:
                missing.append(text)
    return missing


def check_supported(model: Model, variant: str = "reference", custom_ops=()) -> None:
    missing = unsupported_operators(model, variant, custom_ops)
    if missing:
        raise UnsupportedOpError(
            "the model uses operators tflm-host cannot run: " + "; ".join(missing), missing)


def markdown_table() -> str:
    """The supported-operator table for the docs: each op and the input types it runs on,
    per kernel variant."""
    table = kernel_table()
    ops = sorted({op for op, _ in table})
    lines = ["| operator | reference kernel | optimized kernel |", "|---|---|---|"]
    for op in ops:
        ref = table.get((op, "reference"))
        opt = table.get((op, "optimized"))
        cell = lambda types: "—" if types is None else (", ".join(t.lower() for t in types) or "any")
        lines.append(f"| {op} | {cell(ref)} | {cell(opt) if opt is not None else 'uses reference'} |")
    return "\n".join(lines)
