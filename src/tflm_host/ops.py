"""Which operators this build can run: the load-time support check."""
from __future__ import annotations

from typing import NamedTuple

from . import _core
from .errors import UnsupportedOpError
from .model import TENSOR_TYPES, Model


class KernelTypes(NamedTuple):
    """The types a kernel runs on (empty: any), read from one of the op's inputs."""
    types: tuple[str, ...]
    input: int = 0

    def accepts(self, input_dtypes: list) -> bool:
        if not self.types:
            return True
        return self.input < len(input_dtypes) and input_dtypes[self.input] in self.types


def kernel_table() -> dict[tuple[str, str], KernelTypes]:
    """(op, variant) -> the types that kernel accepts and which input they apply to. An op
    may register several kernels of one variant (e.g. the int8 and the int16 optimized
    convolutions): their type lists are merged in registration order (any type if one
    accepts any), ordered as the op's reference kernel lists them (static registration order
    across files is not defined)."""
    table: dict[tuple[str, str], KernelTypes] = {}
    for op, variant, types, type_input in _core.kernels():
        names = tuple(TENSOR_TYPES[t] for t in types)
        known = table.get((op, variant))
        if known is not None:
            any_type = not known.types or not names
            names = () if any_type else known.types + tuple(n for n in names
                                                            if n not in known.types)
        table[(op, variant)] = KernelTypes(names, type_input)
    for (op, variant), kernel in table.items():
        reference = table.get((op, "reference"))
        if variant != "reference" and reference is not None:
            order = {name: i for i, name in enumerate(reference.types)}
            types = tuple(sorted(kernel.types, key=lambda n: order.get(n, len(order))))
            table[(op, variant)] = kernel._replace(types=types)
    return table


def supported_ops() -> dict[str, tuple[str, ...]]:
    """Each op this build runs, with the types its reference kernel accepts."""
    return {op: kt.types for (op, variant), kt in sorted(kernel_table().items())
            if variant == "reference"}


def unsupported_operators(model: Model, variant: str = "reference",
                          custom_ops=()) -> list[str]:
    """Distinct 'OP on TYPE' descriptions of the operators no kernel here can run, in every
    subgraph. `custom_ops`: names of custom ops implemented in Python (always runnable).
    An optimized kernel covers only the types it lists; the others run the reference one,
    so only the reference kernel's types decide what is supported."""
    table = kernel_table()
    missing: list[str] = []
    for subgraph in model.subgraphs:
        for op in subgraph.operators:
            if op.is_custom and op.op_name in custom_ops:
                continue
            kernel = table.get((op.op_name, "reference"), table.get((op.op_name, variant)))
            dtypes = [subgraph.tensors[i].dtype if i >= 0 else None for i in op.inputs]
            kind = "custom op" if op.is_custom else "builtin op"
            if kernel is None:
                text = f"{kind} {op.op_name}"
            elif not kernel.accepts(dtypes):
                got = dtypes[kernel.input] if kernel.input < len(dtypes) else "no"
                which = "input" if kernel.input == 0 else f"input {kernel.input}"
                text = (f"{kind} {op.op_name} on {got} {which} "
                        f"(supported: {', '.join(kernel.types)})")
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
    """The supported-operator table for the docs: each op and the types it runs on, per
    kernel variant (an optimized kernel runs the types it lists; others use reference)."""
    table = kernel_table()
    ops = sorted({op for op, _ in table})
    lines = ["| operator | reference kernel | optimized kernel |", "|---|---|---|"]

    def cell(kernel: KernelTypes | None) -> str:
        if kernel is None:
            return "uses reference"
        text = ", ".join(t.lower() for t in kernel.types) or "any"
        return text if kernel.input == 0 else f"{text} (input {kernel.input})"

    for op in ops:
        lines.append(f"| {op} | {cell(table.get((op, 'reference')))} | "
                     f"{cell(table.get((op, 'optimized')))} |")
    return "\n".join(lines)
