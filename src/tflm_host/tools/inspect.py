"""tflm-host inspect: what is in a model, and can it run here and in TFLM."""
from __future__ import annotations

import math

from ..model import Model, OperatorInfo, Subgraph, load_model
from ..ops import unsupported_operators
from .common import ToolError
from .tflm_ops import resolver_method

FLOAT_TYPES = ("FLOAT32", "FLOAT16", "FLOAT64")


def _size(shape) -> int:
    return int(math.prod(shape)) if shape else 1


def operator_macs(graph: Subgraph, op: OperatorInfo) -> int:
    """Multiply-accumulates of one invoke of the operator (0 for ops without a matrix
    product)."""
    def shape(i):
        t = op.inputs[i] if i < len(op.inputs) else -1
        return graph.tensors[t].shape if t >= 0 else None

    out = graph.tensors[op.outputs[0]].shape if op.outputs else ()
    name = op.op_name
    if name == "CONV_2D" and shape(1):
        _, kh, kw, cin = shape(1)
        return _size(out) * kh * kw * cin
    if name == "DEPTHWISE_CONV_2D" and shape(1):
        _, kh, kw, _ = shape(1)
        return _size(out) * kh * kw
    if name == "FULLY_CONNECTED" and shape(1):
        return _size(out) * shape(1)[-1]
    if name == "TRANSPOSE_CONV" and shape(1) and shape(2):
        cout, kh, kw, _ = shape(1)
        return _size(shape(2)) * kh * kw * cout
    if name == "BATCH_MATMUL" and shape(0):
        lhs = shape(0)
        depth = lhs[-2] if op.options.get("adj_x") else lhs[-1]
        return _size(out) * depth
    if name == "SVDF" and shape(1) and shape(2):
        batch = shape(0)[0] if shape(0) else 1
        return batch * (_size(shape(1)) + _size(shape(2)))
    if name == "UNIDIRECTIONAL_SEQUENCE_LSTM" and shape(0):
        steps = _size(shape(0)[:-1])  # batch x time
        weights = sum(_size(shape(i)) for i in range(1, 9) if shape(i) and len(shape(i)) == 2)
        return steps * weights
    return 0


def _quant(t) -> dict | None:
    q = t.quantization
    if q is None:
        return None
    return {"per_channel": q.per_channel, "axis": q.axis, "channels": len(q.scales),
            "scales": [float(s) for s in q.scales], "zero_points": [int(z) for z in q.zero_points]}


def _kind(t, graph: Subgraph) -> str:
    if t.is_variable:
        return "variable"
    if t.is_constant:
        return "constant"
    if t.index in graph.inputs:
        return "input"
    if t.index in graph.outputs:
        return "output"
    if not any(t.index in (*op.inputs, *op.outputs) for op in graph.operators):
        return "unused" if not any(t.index in op.intermediates for op in graph.operators) \
            else "op-internal"
    return "activation"


def _weight_bytes(model: Model) -> int:
    """Bytes of constant tensor data, each buffer counted once."""
    seen, total = set(), 0
    for graph in model.subgraphs:
        for t in graph.tensors:
            if t.data is not None and t.data.size:
                key = (t.data.__array_interface__["data"][0], t.data.size)
                if key not in seen:
                    seen.add(key)
                    total += int(t.data.size)
    return total


def integer_verdict(graph: Subgraph) -> dict:
    """Is the model fully integer? Float tensors inside the graph (not model inputs/outputs)
    mean float kernels run on the device; float I/O with QUANTIZE/DEQUANTIZE at the edges is a
    float interface around an integer model."""
    io = set(graph.inputs) | set(graph.outputs)
    used = {t for op in graph.operators for t in (*op.inputs, *op.outputs) if t >= 0}
    # Tensors only listed as an op's "intermediates" (LSTM gate placeholders) hold no data.
    inner_float = [t.index for t in graph.tensors
                   if t.dtype in FLOAT_TYPES and t.index in used and t.index not in io
                   and not _only_edge_converter(graph, t.index)]
    float_io = [t for t in io if graph.tensors[t].dtype in FLOAT_TYPES]
    converters = [{"index": op.index, "op": op.op_name} for op in graph.operators
                  if op.op_name in ("QUANTIZE", "DEQUANTIZE")]
    float_ops = [op.index for op in graph.operators
                 if op.op_name not in ("QUANTIZE", "DEQUANTIZE") and _computes_in_float(graph, op)]
    fully = not inner_float and not float_ops
    if fully and not float_io:
        text = "yes: integer tensors throughout, integer inputs and outputs"
    elif fully:
        text = ("yes, with a float interface: the float inputs/outputs are converted by "
                "QUANTIZE/DEQUANTIZE at the edges")
    else:
        text = (f"no: {len(float_ops)} operator(s) compute in float "
                f"(first: operator {float_ops[0]} {graph.operators[float_ops[0]].op_name})"
                if float_ops else f"no: {len(inner_float)} float tensor(s) inside the graph")
    return {"fully_integer": fully, "float_io": sorted(float_io), "float_tensors": inner_float,
            "float_operators": float_ops, "quantize_dequantize": converters, "text": text}


def _computes_in_float(graph: Subgraph, op: OperatorInfo) -> bool:
    """Float activations in or out (float constants alone, e.g. unused LSTM tensors, are not
    float compute)."""
    activations = [t for t in op.inputs if t >= 0 and not graph.tensors[t].is_constant]
    return any(graph.tensors[t].dtype in FLOAT_TYPES for t in activations + list(op.outputs))


def _only_edge_converter(graph: Subgraph, tensor: int) -> bool:
    """A float tensor only a QUANTIZE reads from a model input, or only a DEQUANTIZE writes to
    a model output, belongs to the float interface."""
    for op in graph.operators:
        if tensor in op.outputs and op.op_name == "DEQUANTIZE":
            return True
        if tensor in op.inputs and op.op_name == "QUANTIZE":
            return True
    return False


def inspect_model(model_path) -> dict:
    try:
        model = load_model(model_path)
    except FileNotFoundError as e:
        raise ToolError(str(e)) from None
    subgraphs = []
    for graph in model.subgraphs:
        ops = []
        for op in graph.operators:
            ops.append({
                "index": op.index, "op": op.op_name, "custom": op.is_custom, "version": op.version,
                "inputs": list(op.inputs), "outputs": list(op.outputs),
                "input_types": [graph.tensors[t].dtype if t >= 0 else None for t in op.inputs],
                "output_types": [graph.tensors[t].dtype for t in op.outputs],
                "macs": operator_macs(graph, op)})
        tensors = [{
            "index": t.index, "name": t.name, "shape": list(t.shape), "dtype": t.dtype,
            "bytes": t.nbytes, "kind": _kind(t, graph), "quantization": _quant(t)}
            for t in graph.tensors]
        subgraphs.append({"index": graph.index, "name": graph.name, "inputs": list(graph.inputs),
                          "outputs": list(graph.outputs), "operators": ops, "tensors": tensors,
                          "macs": sum(o["macs"] for o in ops)})
    weights = _weight_bytes(model)
    tflm_missing = sorted({op.op_name for g in model.subgraphs for op in g.operators
                           if resolver_method(op.op_name, op.is_custom) is None})
    return {
        "model": str(model_path), "description": model.description, "size_bytes": model.size,
        "weight_bytes": weights, "other_bytes": model.size - weights, "subgraphs": subgraphs,
        "unsupported_here": unsupported_operators(model),
        "unsupported_in_tflm": tflm_missing,
        "integer": integer_verdict(model.main),
    }


def _short_list(items, limit: int = 4) -> str:
    items = list(items)
    text = ",".join(items[:limit])
    return text + (f",... ({len(items)})" if len(items) > limit else "")


def _types(types) -> str:
    return _short_list((t or "-").lower() for t in types)


def _quant_text(q) -> str:
    if q is None:
        return ""
    if q["per_channel"]:
        return f"per-channel x{q['channels']} (axis {q['axis']})"
    return f"scale {q['scales'][0]:.6g} zp {q['zero_points'][0]}"


def render_inspect(info: dict) -> str:
    lines = [f"model: {info['model']}",
             f"size: {info['size_bytes']:,} bytes = weights {info['weight_bytes']:,} + "
             f"graph and metadata {info['other_bytes']:,}"]
    for g in info["subgraphs"]:
        name = f" ({g['name']})" if g["name"] else ""
        lines.append(f"\nsubgraph {g['index']}{name}: {len(g['operators'])} operators, "
                     f"{len(g['tensors'])} tensors, inputs {g['inputs']}, outputs {g['outputs']}, "
                     f"{g['macs']:,} MACs")
        lines.append(f"  {'#':>3}  {'op':<28} {'inputs':<16} {'outputs':<8} {'types (in -> out)':<28} {'MACs':>12}")
        for op in g["operators"]:
            ins = _short_list(str(t) for t in op["inputs"])
            outs = _short_list(str(t) for t in op["outputs"])
            types = f"{_types(op['input_types'])} -> {_types(op['output_types'])}"
            lines.append(f"  {op['index']:>3}  {op['op']:<28} {ins:<16} {outs:<8} {types:<28} "
                         f"{op['macs']:>12,}")
        lines.append(f"\n  {'#':>3}  {'name':<40} {'shape':<18} {'type':<8} {'bytes':>9}  {'kind':<10} quantization")
        for t in g["tensors"]:
            name = t["name"] if len(t["name"]) <= 40 else "..." + t["name"][-37:]
            lines.append(f"  {t['index']:>3}  {name:<40} {str(t['shape']):<18} {t['dtype'].lower():<8} "
                         f"{t['bytes']:>9,}  {t['kind']:<10} {_quant_text(t['quantization'])}")
    lines.append("")
    here = info["unsupported_here"]
    lines.append("runs in tflm-host: " + ("yes" if not here else "no: " + "; ".join(here)))
    tflm = info["unsupported_in_tflm"]
    lines.append("runs in TFLM: " + ("yes (every op has a MicroMutableOpResolver method)" if not tflm
                                     else "no kernel for " + ", ".join(tflm)))
    lines.append("fully integer: " + info["integer"]["text"])
    return "\n".join(lines)
