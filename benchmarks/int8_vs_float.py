"""What quantizing costs and buys: a float model against its int8 version.

    python benchmarks/int8_vs_float.py [--float f.tflite --int8 q.tflite ...] [--samples 200]
        [--inputs linspace|random] [--rounds 7] [--kernels optimized|reference] [--markdown out.md]

Default pairs: the bundled sine regressor (tflm_host.examples.sine_model_paths()) and TFLM's
hello_world float/int8 models from TFLM_MODELS (skipped when absent). --float/--int8 may be
repeated to add pairs (matched in order).

For each pair: model file size, arena size (arena_used_bytes), invoke latency (medians over
interleaved rounds, same input in both models), and how far the int8 outputs are from the float
ones over --samples inputs, both models fed the same float values through
Interpreter.predict (float in, float out: the int8 model quantizes and dequantizes): max
absolute error, RMSE and SQNR (10 log10 of float output power over error power, in dB).
Inputs are drawn from the int8 model's representable input range: evenly spaced (linspace,
the default for single-value inputs) or uniformly random.
"""
from __future__ import annotations

import argparse
import math
from pathlib import Path

import numpy as np

import tflm_host
from tflm_host.examples import sine_model_paths
from common import MODELS_DIR, interleaved_medians, machine_description


def default_pairs() -> list[tuple[str, Path, Path]]:
    sine = sine_model_paths()
    pairs = [("sine (bundled)", sine["float"], sine["int8"])]
    hello = MODELS_DIR / "hello_world"
    if (hello / "hello_world_float.tflite").exists():
        pairs.append(("hello_world", hello / "hello_world_float.tflite",
                      hello / "hello_world_int8.tflite"))
    return pairs


def input_range(details: dict) -> tuple[float, float]:
    """Float range an input can take: the quantized type's range for an integer input, else
    [-1, 1] (a float input says nothing about its domain)."""
    dtype = np.dtype(details["dtype"])
    scales = details["quantization_parameters"]["scales"]
    if not np.issubdtype(dtype, np.integer) or len(scales) == 0:
        return -1.0, 1.0
    info = np.iinfo(dtype)
    zero_point = int(details["quantization_parameters"]["zero_points"][0])
    scale = float(scales[0])
    return scale * (info.min - zero_point), scale * (info.max - zero_point)


def make_samples(int8_interp, count: int, kind: str, rng) -> list[list[np.ndarray]]:
    """count input sets, each one float array per model input."""
    per_input = []
    for i in range(int8_interp.num_inputs):
        d = int8_interp.get_input_details(i)
        shape = tuple(int(s) for s in d["shape"])
        low, high = input_range(d)
        size = int(np.prod(shape))
        if kind == "linspace" or (kind == "auto" and size == 1):
            values = np.linspace(low, high, count * size, dtype=np.float32)
            per_input.append([v.reshape(shape) for v in values.reshape(count, size)])
        else:
            per_input.append([rng.uniform(low, high, size=shape).astype(np.float32)
                              for _ in range(count)])
    return [list(sample) for sample in zip(*per_input)]


def error_stats(reference: np.ndarray, approx: np.ndarray) -> dict:
    diff = approx.astype(np.float64) - reference.astype(np.float64)
    signal = float(np.sum(reference.astype(np.float64) ** 2))
    noise = float(np.sum(diff ** 2))
    sqnr = math.inf if noise == 0 else (10 * math.log10(signal / noise) if signal > 0 else -math.inf)
    return {"max_abs": float(np.max(np.abs(diff))), "rmse": math.sqrt(noise / diff.size),
            "sqnr_db": sqnr}


def compare(name: str, float_path: Path, int8_path: Path, args, rng) -> dict:
    float_interp = tflm_host.Interpreter(float_path, kernels=args.kernels)
    int8_interp = tflm_host.Interpreter(int8_path, kernels=args.kernels)
    samples = make_samples(int8_interp, args.samples, args.inputs, rng)
    float_out, int8_out = [], []
    for sample in samples:
        f = float_interp.predict(*sample)
        q = int8_interp.predict(*sample)
        # Several outputs are compared as one vector.
        float_out.append(np.concatenate([np.ravel(a) for a in (f if isinstance(f, tuple) else (f,))]))
        int8_out.append(np.concatenate([np.ravel(a) for a in (q if isinstance(q, tuple) else (q,))]))
    stats = error_stats(np.stack(float_out), np.stack(int8_out))

    # Latency of invoke() alone, on the first sample, the two models timed in alternation.
    float_interp.predict(*samples[0])
    int8_interp.predict(*samples[0])
    times = interleaved_medians({"float": float_interp.invoke, "int8": int8_interp.invoke},
                                rounds=args.rounds)
    return {"name": name,
            "size": (Path(float_path).stat().st_size, Path(int8_path).stat().st_size),
            "arena": (float_interp.arena_used_bytes(), int8_interp.arena_used_bytes()),
            "latency_us": (times["float"] * 1e6, times["int8"] * 1e6), **stats}


def markdown(rows: list[dict], args) -> str:
    lines = [f"machine: {machine_description()}; kernels={args.kernels}, "
             f"{args.samples} samples ({args.inputs} inputs), {args.rounds} timing rounds", "",
             "| pair | model size float / int8 (bytes) | arena float / int8 (bytes) "
             "| invoke float / int8 (µs) | max abs error | RMSE | SQNR (dB) |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['name']} | {r['size'][0]} / {r['size'][1]} | {r['arena'][0]} / {r['arena'][1]} "
            f"| {r['latency_us'][0]:.2f} / {r['latency_us'][1]:.2f} | {r['max_abs']:.4g} "
            f"| {r['rmse']:.4g} | {r['sqnr_db']:.1f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--float", dest="float_models", action="append", default=[],
                        help="float model of an extra pair (repeatable)")
    parser.add_argument("--int8", dest="int8_models", action="append", default=[],
                        help="int8 model of an extra pair (repeatable, same order as --float)")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--inputs", choices=["auto", "linspace", "random"], default="auto",
                        help="auto: linspace for single-value inputs, random otherwise")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--kernels", choices=["optimized", "reference"], default="optimized")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    if len(args.float_models) != len(args.int8_models):
        parser.error("give as many --int8 models as --float models")

    pairs = default_pairs()
    pairs += [(f"{Path(f).stem} / {Path(q).stem}", Path(f), Path(q))
              for f, q in zip(args.float_models, args.int8_models)]
    rng = np.random.default_rng(args.seed)
    rows = [compare(name, f, q, args, rng) for name, f, q in pairs]
    text = markdown(rows, args)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n")


if __name__ == "__main__":
    main()
