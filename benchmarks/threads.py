"""Latency of the optimized kernels with num_threads 1 and 2 (or --threads), on TFLM's conv
models, and a sweep over single layers that shows from what size splitting a layer pays.

    TFLM_MODELS=../shared/models/tflm python benchmarks/threads.py [--rounds 9] \
        [--threads 1,2] [--models person_detect,mobilenet_v2] [--sweep]

Each round times every thread count once per model (interleaved, so machine noise hits them
alike); the table reports medians. Outputs are checked to be identical across thread counts.
--sweep times CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED layers of growing size with
every layer forced to split (the MACs threshold moved to 0) against one thread.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

import tflm_host
from tflm_host import _core
from common import MODELS_DIR, interleaved_medians, machine_description

MODELS = {
    "person_detect": "person_detection/person_detect.tflite",
    "mobilenet_v2": "mobilenet_v2/mobilenet_v2_quantized_1x3x224x224.tflite",
}


def _random_inputs(interp, rng):
    out = []
    for i in range(interp.num_inputs):
        d = interp.get_input_details(i)
        info = np.iinfo(np.dtype(d["dtype"]))
        out.append(rng.integers(info.min, info.max, tuple(d["shape"]), endpoint=True)
                   .astype(d["dtype"]))
    return out


def _interpreters(model, thread_counts):
    rng = np.random.default_rng(0)
    interps = {n: tflm_host.Interpreter(model, num_threads=n) for n in thread_counts}
    inputs = _random_inputs(next(iter(interps.values())), rng)
    outputs = []
    for interp in interps.values():
        for i, x in enumerate(inputs):
            interp.set_input(x, i)
        interp.invoke()
        outputs.append(interp.get_output(0).copy())
    if any(not np.array_equal(outputs[0], o) for o in outputs[1:]):
        sys.exit("outputs differ across thread counts")
    return interps


def bench_models(names, thread_counts, rounds):
    print("| model | " + " | ".join(f"{n} thread{'s' if n > 1 else ''} (ms)"
                                     for n in thread_counts) + " | speed-up |")
    print("|---|" + "---|" * (len(thread_counts) + 1))
    for name in names:
        path = MODELS_DIR / MODELS[name]
        if not path.exists():
            print(f"| {name} | missing under {MODELS_DIR} |")
            continue
        interps = _interpreters(path.read_bytes(), thread_counts)
        medians = interleaved_medians({n: interps[n].invoke for n in thread_counts},
                                      rounds=rounds, min_seconds=0.2)
        first, last = medians[thread_counts[0]], medians[thread_counts[-1]]
        print(f"| {name} | " + " | ".join(f"{medians[n] * 1e3:.3g}" for n in thread_counts)
              + f" | {first / last:.2f}x |")


def _sweep_layers():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from test_conv_ops import _conv_model
    from test_fully_connected import _fc_model
    for size in (8, 12, 16, 24, 32, 48):  # 3x3 conv, 32 -> 32 channels
        yield (f"conv 3x3 {size}x{size}x32->32", size * size * 32 * 9 * 32,
               _conv_model("CONV_2D", in_shape=(1, size, size, 32), kernel=(3, 3), out_ch=32))
    for size in (16, 24, 32, 48, 64, 96):  # depthwise 3x3, 64 channels
        yield (f"depthwise 3x3 {size}x{size}x64", size * size * 64 * 9,
               _conv_model("DEPTHWISE_CONV_2D", in_shape=(1, size, size, 64), kernel=(3, 3),
                           out_ch=64))
    for units in (64, 128, 256, 512, 1024, 2048):  # fully connected, depth 512, one batch
        yield (f"fully connected 512->{units}", 512 * units,
               _fc_model("INT8", 1, 512, units, "NONE", False, with_bias=True))


def bench_sweep(threads, rounds):
    print(f"| layer | MACs | 1 thread (us) | {threads} threads, forced split (us) | speed-up |")
    print("|---|---|---|---|---|")
    previous = _core._set_min_parallel_macs(0)
    try:
        for label, macs, model in _sweep_layers():
            interps = _interpreters(model, [1, threads])
            medians = interleaved_medians({n: interps[n].invoke for n in (1, threads)},
                                          rounds=rounds, min_seconds=0.05)
            one, many = medians[1], medians[threads]
            print(f"| {label} | {macs / 1e6:.2f}M | {one * 1e6:.1f} | {many * 1e6:.1f} | "
                  f"{one / many:.2f}x |")
    finally:
        _core._set_min_parallel_macs(previous)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--threads", default="1,2", help="thread counts, e.g. 1,2")
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--sweep", action="store_true",
                        help="time single layers forced to split, to place the MACs threshold")
    args = parser.parse_args()
    thread_counts = [int(n) for n in args.threads.split(",")]
    print(f"Machine: {machine_description()}, CMSIS-NN path {_core.cmsis_isa()}, "
          f"split threshold {_core._min_parallel_macs()} MACs\n")
    if args.sweep:
        bench_sweep(max(thread_counts), args.rounds)
    else:
        bench_models(args.models.split(","), thread_counts, args.rounds)


if __name__ == "__main__":
    main()
