"""tflm-host compare: the quantization debugger. Runs a float model and its quantized version
on the same float data and reports the output error and, per layer, the error of every
intermediate tensor the two models share by name."""
from __future__ import annotations

import math

import numpy as np

from ..quantization import dequantize
from .common import Progress, ToolError, check_input_count, fit_input, load_samples, open_interpreter


class _ErrorStats:
    """Running error statistics of a quantized tensor against its float reference."""

    def __init__(self):
        self.signal = 0.0
        self.noise = 0.0
        self.count = 0
        self.max_abs = 0.0

    def add(self, reference: np.ndarray, value: np.ndarray) -> None:
        ref = reference.astype(np.float64).ravel()
        err = value.astype(np.float64).ravel() - ref
        self.signal += float(ref @ ref)
        self.noise += float(err @ err)
        self.count += ref.size
        if err.size:
            self.max_abs = max(self.max_abs, float(np.max(np.abs(err))))

    def as_dict(self) -> dict:
        rmse = math.sqrt(self.noise / self.count) if self.count else 0.0
        if self.noise == 0:
            sqnr = math.inf
        elif self.signal == 0:
            sqnr = -math.inf
        else:
            sqnr = 10 * math.log10(self.signal / self.noise)
        return {"max_abs": self.max_abs, "rmse": rmse, "sqnr_db": sqnr}


def _dequantized(info, value: np.ndarray) -> np.ndarray | None:
    if np.issubdtype(value.dtype, np.floating):
        return value
    q = info.quantization
    if q is None:
        return None
    if q.per_channel:
        if q.axis >= value.ndim or value.shape[q.axis] != len(q.scales):
            return None
        return dequantize(value, q.scales, q.zero_points, axis=q.axis)
    return dequantize(value, q.scales[0], q.zero_points[0])


def compare(float_model, quant_model, data, kernels: str = "optimized", layers: bool = True,
            progress: bool | None = None) -> dict:
    """data: float samples (a .npy batch (N, *shape) for a one-input model, an .npz of batches
    or a directory of samples; see common.load_samples) or a list of samples."""
    ref = open_interpreter(float_model, kernels=kernels)
    quant = open_interpreter(quant_model, kernels=kernels)
    if ref.num_inputs != quant.num_inputs or ref.num_outputs != quant.num_outputs:
        raise ToolError(f"the models differ in inputs/outputs: {ref.num_inputs}/{ref.num_outputs} "
                        f"and {quant.num_inputs}/{quant.num_outputs}")
    samples = data if isinstance(data, list) else load_samples(data)
    if not samples:
        raise ToolError("no samples in the data")
    matches = _matching_tensors(ref, quant) if layers else []
    if matches:
        ref.capture_intermediates()
        quant.capture_intermediates()
    output_stats = [_ErrorStats() for _ in range(ref.num_outputs)]
    agree = [0] * ref.num_outputs
    layer_stats = {q: _ErrorStats() for _, q in matches}
    with Progress(len(samples), "compare", enabled=progress) as bar:
        for n, sample in enumerate(samples):
            check_input_count(ref, len(sample), f"sample {n}: ")
            xs = [fit_input(ref, i, x, True, f"sample {n}: ") for i, x in enumerate(sample)]
            want = _as_tuple(ref.predict(*xs))
            got = _as_tuple(quant.predict(*xs))
            for k, (w, g) in enumerate(zip(want, got)):
                output_stats[k].add(w, g)
                if w.size > 1 and np.argmax(w) == np.argmax(g):
                    agree[k] += 1
            if matches:
                ref_values = ref.get_intermediates()
                quant_values = quant.get_intermediates()
                graph = quant.model.main
                for r, q in matches:
                    value = _dequantized(graph.tensors[q], quant_values[q])
                    if value is not None:
                        layer_stats[q].add(ref_values[r], value)
            bar.update()
    outputs = []
    for k, stats in enumerate(output_stats):
        row = {"index": k, "name": quant.get_output_details(k)["name"], **stats.as_dict()}
        size = int(np.prod(quant.get_output_details(k)["shape"]))
        row["top1_agreement"] = agree[k] / len(samples) if size > 1 else None
        outputs.append(row)
    layer_rows = []
    graph = quant.model.main
    producer = {t: op for op in graph.operators for t in op.outputs}
    for _, q in matches:
        if layer_stats[q].count == 0:
            continue
        op = producer[q]
        layer_rows.append({"tensor": q, "name": graph.tensors[q].name, "operator": op.index,
                           "op": op.op_name, "dtype": graph.tensors[q].dtype,
                           **layer_stats[q].as_dict()})
    layer_rows.sort(key=lambda r: r["operator"])
    return {"samples": len(samples), "outputs": outputs, "layers": layer_rows,
            "unmatched_layers": sum(len(op.outputs) for op in graph.operators) - len(layer_rows)}


def _as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


def _matching_tensors(ref, quant) -> list[tuple[int, int]]:
    """(float tensor, quantized tensor) pairs: operator outputs with the same name and the
    same number of elements in both models."""
    ref_graph, quant_graph = ref.model.main, quant.model.main
    ref_by_name = {}
    for op in ref_graph.operators:
        for t in op.outputs:
            info = ref_graph.tensors[t]
            if info.name and np.issubdtype(info.numpy_dtype, np.floating):
                ref_by_name.setdefault(info.name, t)
    pairs = []
    for op in quant_graph.operators:
        for t in op.outputs:
            info = quant_graph.tensors[t]
            r = ref_by_name.get(info.name)
            if r is not None and ref_graph.tensors[r].shape == info.shape:
                pairs.append((r, t))
    return pairs


def render_compare(result: dict) -> str:
    lines = [f"{result['samples']} samples", "", "outputs (quantized vs float):"]
    for o in result["outputs"]:
        top1 = f", top-1 agreement {o['top1_agreement'] * 100:.1f}%" if o["top1_agreement"] is not None else ""
        lines.append(f"  output {o['index']} ({o['name']}): max abs {o['max_abs']:.6g}, "
                     f"RMSE {o['rmse']:.6g}, SQNR {o['sqnr_db']:.1f} dB{top1}")
    if result["layers"]:
        lines.append("")
        lines.append("per layer (tensors matched by name; lowest SQNR loses the most accuracy):")
        lines.append(f"  {'op#':>4} {'op':<24} {'SQNR dB':>8} {'RMSE':>10} {'max abs':>10}  tensor")
        for r in result["layers"]:
            lines.append(f"  {r['operator']:>4} {r['op']:<24} {r['sqnr_db']:>8.1f} {r['rmse']:>10.4g} "
                         f"{r['max_abs']:>10.4g}  {r['name']}")
    else:
        lines.append("\nno intermediate tensors share a name between the models")
    if result["unmatched_layers"]:
        lines.append(f"  ({result['unmatched_layers']} tensor(s) of the quantized model have no "
                     "float counterpart)")
    return "\n".join(lines)
