"""Side-by-side latency: tflm-host (optimized and reference kernels), the official TFLM
Python interpreter (tflite-micro) and LiteRT (XNNPACK, one thread), on TFLM's models.

    pip install ".[bench]"
    python benchmarks/vs_peers.py [--rounds 5] [--models person_detect,mobilenet_v2] \
        [--markdown out.md] [--png out.png]

Every runtime gets the same random input; each round times every runtime once per model
(interleaved), and the table reports medians. Ratios are against tflite-micro.
"""
from __future__ import annotations

import argparse
import math
import sys

import numpy as np

import tflm_host
from common import MODELS_DIR, interleaved_medians, machine_description

MODELS = {
    "hello_world_int8": "hello_world/hello_world_int8.tflite",
    "micro_speech_quantized": "micro_speech/micro_speech_quantized.tflite",
    "person_detect": "person_detection/person_detect.tflite",
    "mobilenet_v2": "mobilenet_v2/mobilenet_v2_quantized_1x3x224x224.tflite",
    "micro_speech_lstm": "micro_speech_lstm/micro_speech_lstm.tflite",
    "dtln": "dtln/dtln_noise_suppression.tflite",
    "keyword_scrambled": "keyword/keyword_scrambled.tflite",
}
CONV_MODELS = ("person_detect", "mobilenet_v2", "micro_speech_quantized")


def _random_inputs(interp, rng):
    out = []
    for i in range(interp.num_inputs):
        d = interp.get_input_details(i)
        dtype = np.dtype(d["dtype"])
        if np.issubdtype(dtype, np.integer):
            info = np.iinfo(dtype)
            out.append(rng.integers(info.min, info.max, tuple(d["shape"]), endpoint=True).astype(dtype))
        else:
            out.append(rng.uniform(-1, 1, tuple(d["shape"])).astype(dtype))
    return out


def _runner_tflm_host(path, inputs, kernels):
    interp = tflm_host.Interpreter(path, kernels=kernels)
    for i, x in enumerate(inputs):
        interp.set_input(x, i)
    return interp.invoke


def _runner_tflite_micro(path, inputs):
    from tflite_micro.python.tflite_micro import runtime
    size = tflm_host.Interpreter(path).arena_used_bytes() * 2 + 256 * 1024
    interp = runtime.Interpreter.from_file(str(path), arena_size=size)
    for i, x in enumerate(inputs):
        interp.set_input(x, i)
    return interp.invoke


def _runner_litert(path, inputs):
    from ai_edge_litert.interpreter import Interpreter
    interp = Interpreter(model_path=str(path), num_threads=1)
    interp.allocate_tensors()
    for detail, x in zip(interp.get_input_details(), inputs):
        interp.set_tensor(detail["index"], x)
    return interp.invoke


def measure(names, rounds: int) -> dict:
    rng = np.random.default_rng(0)
    results = {}
    for name in names:
        path = MODELS_DIR / MODELS[name]
        try:
            inputs = _random_inputs(tflm_host.Interpreter(path), rng)
        except tflm_host.UnsupportedOpError as e:  # an op this build lacks: skip, say why
            print(f"{name}: skipped, tflm-host cannot run it ({e})", file=sys.stderr)
            continue
        candidates = {}
        for label, make in (("tflm-host optimized", lambda: _runner_tflm_host(path, inputs, "optimized")),
                            ("tflm-host reference", lambda: _runner_tflm_host(path, inputs, "reference")),
                            ("tflite-micro", lambda: _runner_tflite_micro(path, inputs)),
                            ("LiteRT", lambda: _runner_litert(path, inputs))):
            try:
                candidates[label] = make()
            except Exception as e:  # a peer that cannot load the model is reported, not fatal
                print(f"{name}: {label} cannot run it ({type(e).__name__}: {str(e)[:80]})",
                      file=sys.stderr)
        results[name] = interleaved_medians(candidates, rounds=rounds)
        print(f"measured {name}", file=sys.stderr)
    return results


def geomean(values):
    values = [v for v in values if v]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def markdown(results: dict) -> str:
    labels = ["tflm-host optimized", "tflm-host reference", "tflite-micro", "LiteRT"]
    lines = [f"Machine: {machine_description()}", "",
             "| model | " + " | ".join(f"{l} (ms)" for l in labels) + " | optimized vs tflite-micro | optimized vs LiteRT |",
             "|---" * (len(labels) + 3) + "|"]
    for name, times in results.items():
        cells = [f"{times[l] * 1e3:.4g}" if l in times else "n/a" for l in labels]
        speedup = times["tflite-micro"] / times["tflm-host optimized"]
        vs_litert = (f"{times['LiteRT'] / times['tflm-host optimized']:.2f}x"
                     if "LiteRT" in times else "n/a")
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {speedup:.1f}x | {vs_litert} |")
    conv = [results[n]["tflite-micro"] / results[n]["tflm-host optimized"] for n in CONV_MODELS if n in results]
    litert = [results[n]["LiteRT"] / results[n]["tflm-host optimized"] for n in results if "LiteRT" in results[n]]
    lines += ["", f"Geometric mean speedup over tflite-micro on the conv models: {geomean(conv):.1f}x",
              f"Geometric mean speed relative to LiteRT (>1 is faster): {geomean(litert):.2f}x"]
    return "\n".join(lines)


def plot(results: dict, path: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    labels = ["tflm-host optimized", "tflm-host reference", "tflite-micro", "LiteRT"]
    names = list(results)
    fig, ax = plt.subplots(figsize=(10, 4.5))
    width = 0.2
    for k, label in enumerate(labels):
        values = [results[n].get(label, float("nan")) * 1e3 for n in names]
        ax.bar([i + k * width for i in range(len(names))], values, width, label=label)
    ax.set_yscale("log")
    ax.set_ylabel("ms per invoke (log)")
    ax.set_xticks([i + 1.5 * width for i in range(len(names))], names, rotation=20)
    ax.legend()
    ax.set_title("Latency per invoke, one thread (lower is better)")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--markdown")
    parser.add_argument("--png")
    args = parser.parse_args()
    names = [n for n in args.models.split(",") if n]
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        parser.error(f"unknown models {unknown}; choose from {', '.join(MODELS)}")
    results = measure(names, args.rounds)
    table = markdown(results)
    print(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table + "\n")
    if args.png:
        plot(results, args.png)


if __name__ == "__main__":
    main()
