"""tflm-host arena: the smallest arena, the memory plan, a picture of it, and the estimate of
TFLM's arena on a Cortex-M build (see cortex_m.py for the model behind the estimate)."""
from __future__ import annotations

from .common import ToolError, open_interpreter
from .cortex_m import TARGETS, estimate_arena, render_estimate


def arena_report(model, target: str | None = None, kernels: str = "optimized",
                 benchmark_setup: bool = False) -> dict:
    interp = open_interpreter(model, kernels=kernels)
    plan = interp.memory_plan()
    peak_scope, peak_buffers = _peak(plan)
    head = max((p["offset"] + p["size"] for p in plan), default=0)
    used = interp.arena_used_bytes()
    report = {"model": str(model), "kernels": kernels, "arena_used_bytes": used,
              "head_bytes": head, "persistent_bytes": used - head,
              "persistent_parts": interp.persistent_parts(),
              "plan": plan, "peak_scope": peak_scope, "peak_buffers": peak_buffers}
    if target is not None:
        if target not in TARGETS:
            raise ToolError(f"unknown target {target!r}; choose one of {', '.join(sorted(TARGETS))}")
        reference = interp if kernels == "reference" else open_interpreter(model, kernels="reference")
        report["estimate"] = estimate_arena(reference, target, benchmark_setup=benchmark_setup)
    return report


def _peak(plan: list[dict]) -> tuple[int | None, list[int]]:
    """The scope at which the planned buffers reach highest, and the buffers alive then."""
    if not plan:
        return None, []
    scopes = range(min(p["first"] for p in plan), max(p["last"] for p in plan) + 1)
    best, best_scope = -1, None
    for scope in scopes:
        top = max((p["offset"] + p["size"] for p in plan if p["first"] <= scope <= p["last"]),
                  default=0)
        if top > best:
            best, best_scope = top, scope
    alive = [i for i, p in enumerate(plan) if p["first"] <= best_scope <= p["last"]]
    return best_scope, alive


def plot_plan(report: dict, path) -> None:
    """Draws the plan as offset (y) over time (x): one box per buffer, peak buffers marked."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ToolError("--plot needs matplotlib: pip install matplotlib") from None
    plan = report["plan"]
    fig, ax = plt.subplots(figsize=(10, 6))
    peak = set(report["peak_buffers"])
    for i, p in enumerate(plan):
        color = "tab:red" if i in peak else ("tab:gray" if p["tensor"] < 0 else "tab:blue")
        ax.broken_barh([(p["first"] - 0.45, p["last"] - p["first"] + 0.9)],
                       (p["offset"], p["size"]), facecolors=color, edgecolors="black",
                       linewidth=0.5, alpha=0.8)
        if i in peak:
            ax.text(p["first"], p["offset"] + p["size"] / 2, f"T{p['tensor']}" if p["tensor"] >= 0
                    else f"scratch {p['node']}", fontsize=7, va="center")
    ax.axhline(report["head_bytes"], color="black", linestyle="--", linewidth=0.8)
    ax.set_xlabel("scope (0 = inputs, operator i runs at i + 1)")
    ax.set_ylabel("arena offset (bytes)")
    ax.set_title(f"memory plan: {report['head_bytes']:,} bytes planned "
                 "(red: buffers alive at the peak, grey: scratch)")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


_PERSISTENT_LABELS = {"variable_tensors": "variable tensors", "kernel_state": "kernel state",
                      "resource_variables": "resource variables"}


def _persistent_breakdown(parts: dict) -> str:
    """" (a variable tensors + b kernel state ...)" for the non-empty parts, "" if none."""
    shown = [f"{size:,} {_PERSISTENT_LABELS[name]}" for name, size in parts.items() if size]
    return f" ({' + '.join(shown)})" if shown else ""


def render_arena(report: dict, show_plan: bool = True) -> str:
    lines = [f"arena: {report['arena_used_bytes']:,} bytes on this host ({report['kernels']} kernels) "
             f"= {report['head_bytes']:,} planned + {report['persistent_bytes']:,} persistent"
             + _persistent_breakdown(report["persistent_parts"])]
    if show_plan:
        lines.append(f"\n  {'tensor':>7} {'offset':>9} {'size':>9} {'first':>6} {'last':>5}  name")
        for i, p in enumerate(report["plan"]):
            mark = "*" if i in report["peak_buffers"] else " "
            tensor = str(p["tensor"]) if p["tensor"] >= 0 else "scratch"
            lines.append(f"{mark} {tensor:>7} {p['offset']:>9,} {p['size']:>9,} {p['first']:>6} "
                         f"{p['last']:>5}  {p['name']}")
        lines.append(f"  (* alive at the peak, scope {report['peak_scope']})")
    if "estimate" in report:
        lines.append("")
        lines.append(render_estimate(report["estimate"]))
    return "\n".join(lines)
