"""tflm-host profile: per-operator latency, like TFLM's MicroProfiler."""
from __future__ import annotations

import numpy as np

from .common import check_input_count, fit_input, open_interpreter
from .inspect import operator_macs


def profile_model(model, inputs=None, repeats: int = 10, kernels: str = "optimized",
                  seed: int = 0, threads: int = 1) -> dict:
    """Times every operator over `repeats` invokes (the median per operator) on the given
    inputs, or on random ones. Returns the operators sorted by time, slowest first."""
    interp = open_interpreter(model, kernels=kernels, num_threads=threads)
    if inputs is not None:
        check_input_count(interp, len(inputs))
        for i, x in enumerate(inputs):
            interp.set_input(fit_input(interp, i, x, False), i)
    else:
        rng = np.random.default_rng(seed)
        for i in range(interp.num_inputs):
            d = interp.get_input_details(i)
            dtype, shape = np.dtype(d["dtype"]), tuple(d["shape"])
            if np.issubdtype(dtype, np.integer):
                info = np.iinfo(dtype)
                x = rng.integers(info.min, info.max, size=shape, endpoint=True).astype(dtype)
            else:
                x = rng.uniform(-1, 1, size=shape).astype(dtype)
            interp.set_input(x, i)
    interp.enable_profiling()
    runs = []
    for _ in range(max(repeats, 1)):
        interp.invoke()
        runs.append([p["seconds"] for p in interp.get_profile()])
    seconds = np.median(np.array(runs), axis=0)
    graph = interp.model.main
    total = float(seconds.sum())
    rows = []
    for op, s in zip(graph.operators, seconds):
        macs = operator_macs(graph, op)
        rows.append({"index": op.index, "op": op.op_name, "seconds": float(s),
                     "share": float(s) / total if total else 0.0, "macs": macs,
                     "macs_per_second": macs / float(s) if s > 0 and macs else 0.0})
    rows.sort(key=lambda r: r["seconds"], reverse=True)
    return {"model": str(model), "kernels": kernels, "threads": threads, "repeats": repeats,
            "total_seconds": total,
            "total_macs": sum(r["macs"] for r in rows), "operators": rows}


def render_profile(result: dict) -> str:
    lines = [f"{'#':>4}  {'op':<28} {'time (us)':>10} {'share':>7} {'MACs':>12} {'MMAC/s':>9}"]
    for r in result["operators"]:
        rate = f"{r['macs_per_second'] / 1e6:9.1f}" if r["macs"] else f"{'':>9}"
        lines.append(f"{r['index']:>4}  {r['op']:<28} {r['seconds'] * 1e6:>10.1f} "
                     f"{r['share'] * 100:>6.1f}% {r['macs']:>12,} {rate}")
    total = result["total_seconds"]
    rate = result["total_macs"] / total / 1e6 if total else 0.0
    threads = result.get("threads", 1)
    lines.append(f"total: {total * 1e6:.1f} us per invoke (median of {result['repeats']}, "
                 f"{result['kernels']} kernels, {threads} thread{'s' if threads > 1 else ''}), "
                 f"{result['total_macs']:,} MACs, {rate:.1f} MMAC/s")
    return "\n".join(lines)
