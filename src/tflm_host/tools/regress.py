"""tflm-host record / check: golden-output regression tests for a user's own model.

golden.npz holds, for N samples run in order on one interpreter (state carries over, as on the
device): input_<k> (N, *shape) for each model input and output_<k> (N, *shape) for each
output, plus the model's SHA-256 for the record.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from .common import Progress, ToolError, check_input_count, fit_input, load_samples, open_interpreter


def _run_samples(interp, samples, label: str, progress: bool | None):
    outputs = [[] for _ in range(interp.num_outputs)]
    with Progress(len(samples), label, enabled=progress) as bar:
        for n, sample in enumerate(samples):
            check_input_count(interp, len(sample), f"sample {n}: ")
            for i, x in enumerate(sample):
                interp.set_input(fit_input(interp, i, x, False, f"sample {n}: "), i)
            interp.invoke()
            for k in range(interp.num_outputs):
                outputs[k].append(interp.get_output(k))
            bar.update()
    return [np.stack(o) for o in outputs]


def record(model, inputs, output_path=None, kernels: str = "optimized",
           progress: bool | None = None) -> dict[str, np.ndarray]:
    """Runs every sample (see common.load_samples for the accepted `inputs`) and returns the
    golden arrays; writes them to output_path when given."""
    interp = open_interpreter(model, kernels=kernels)
    samples = inputs if isinstance(inputs, list) else load_samples(inputs)
    if not samples:
        raise ToolError("no samples to record")
    outputs = _run_samples(interp, samples, "record", progress)
    golden = {f"input_{i}": np.stack([fit_input(interp, i, s[i], False) for s in samples])
              for i in range(interp.num_inputs)}
    golden.update({f"output_{k}": o for k, o in enumerate(outputs)})
    golden["model_sha256"] = np.array(hashlib.sha256(interp.model.data.tobytes()).hexdigest())
    if output_path is not None:
        np.savez_compressed(output_path, **golden)
    return golden


def load_golden(path) -> dict[str, np.ndarray]:
    path = Path(path)
    if not path.is_file():
        raise ToolError(f"golden file not found: {path}")
    try:
        with np.load(path, allow_pickle=False) as data:
            golden = {name: data[name] for name in data.files}
    except (OSError, ValueError) as e:
        raise ToolError(f"{path}: not a golden .npz file ({e})") from None
    if "input_0" not in golden or "output_0" not in golden:
        raise ToolError(f"{path}: not a golden file (no input_0/output_0; make one with "
                        "tflm-host record)")
    return golden


def check(model, golden, kernels: str = "optimized", progress: bool | None = None) -> dict:
    """Re-runs the recorded inputs and compares every output bit for bit."""
    if not isinstance(golden, dict):
        golden = load_golden(golden)
    interp = open_interpreter(model, kernels=kernels)
    inputs, expected = _numbered(golden, "input_"), _numbered(golden, "output_")
    check_input_count(interp, len(inputs), "golden file: ")
    if len(expected) != interp.num_outputs:
        return {"passed": False, "samples": 0, "outputs": [],
                "problem": f"the model has {interp.num_outputs} outputs, the golden file "
                           f"{len(expected)}"}
    samples = [[x[n] for x in inputs] for n in range(len(inputs[0]))]
    actual = _run_samples(interp, samples, "check", progress)
    rows = []
    for k, (want, got) in enumerate(zip(expected, actual)):
        row = {"index": k, "name": interp.get_output_details(k)["name"]}
        if want.shape != got.shape or want.dtype != got.dtype:
            row.update(changed=True, problem=f"was {want.dtype}{list(want.shape[1:])}, now "
                                             f"{got.dtype}{list(got.shape[1:])}")
        else:
            differs = want != got
            if np.issubdtype(want.dtype, np.floating):  # NaN in both places is unchanged
                differs &= ~(np.isnan(want) & np.isnan(got))
            per_sample = differs.reshape(len(want), -1).any(axis=1)
            diff = np.abs(got.astype(np.float64) - want.astype(np.float64))
            row.update(changed=bool(per_sample.any()),
                       changed_samples=int(per_sample.sum()),
                       changed_elements=int(differs.sum()), elements=int(differs.size),
                       max_abs_diff=float(np.nanmax(diff)) if diff.size else 0.0,
                       first_changed_sample=int(np.argmax(per_sample)) if per_sample.any() else None)
        rows.append(row)
    recorded = str(golden["model_sha256"]) if "model_sha256" in golden else None
    current = hashlib.sha256(interp.model.data.tobytes()).hexdigest()
    return {"passed": not any(r["changed"] for r in rows), "samples": len(samples),
            "outputs": rows, "model_changed": recorded is not None and recorded != current}


def _numbered(golden: dict, prefix: str) -> list[np.ndarray]:
    """golden[prefix + "0"], golden[prefix + "1"], ... while they exist."""
    out = []
    while f"{prefix}{len(out)}" in golden:
        out.append(golden[f"{prefix}{len(out)}"])
    return out


def render_check(result: dict) -> str:
    if "problem" in result:
        return f"FAIL: {result['problem']}"
    lines = []
    for r in result["outputs"]:
        if "problem" in r:
            lines.append(f"output {r['index']} ({r['name']}): CHANGED: {r['problem']}")
        elif r["changed"]:
            lines.append(f"output {r['index']} ({r['name']}): CHANGED in {r['changed_samples']} of "
                         f"{result['samples']} samples ({r['changed_elements']} of {r['elements']} "
                         f"values, max abs diff {r['max_abs_diff']:.6g}, first in sample "
                         f"{r['first_changed_sample']})")
        else:
            lines.append(f"output {r['index']} ({r['name']}): identical in all {result['samples']} samples")
    note = " (the model file differs from the recorded one)" if result.get("model_changed") else ""
    lines.append(("PASS" if result["passed"] else "FAIL") + note)
    return "\n".join(lines)


def render_record(golden: dict, path) -> str:
    n = len(golden["output_0"])
    outs = sum(1 for k in golden if k.startswith("output_"))
    return f"recorded {n} samples, {outs} output(s) to {path}"
