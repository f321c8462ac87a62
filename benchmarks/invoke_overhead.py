"""Per-invoke overhead on a three-layer model (hello_world_int8), tflm-host vs tflite-micro.

    python benchmarks/invoke_overhead.py [--rounds 9]

Times a bare invoke() and the full set_input + invoke + get_output cycle, interleaved.
"""
from __future__ import annotations

import argparse

import numpy as np

import tflm_host
from common import MODELS_DIR, interleaved_medians, machine_description


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    from tflite_micro.python.tflite_micro import runtime

    path = MODELS_DIR / "hello_world" / "hello_world_int8.tflite"
    x = np.array([[17]], dtype=np.int8)
    ours = tflm_host.Interpreter(path)
    theirs = runtime.Interpreter.from_file(str(path), arena_size=4096)
    for interp in (ours, theirs):
        interp.set_input(x, 0)

    def cycle(interp):
        def run():
            interp.set_input(x, 0)
            interp.invoke()
            return interp.get_output(0)
        return run

    results = interleaved_medians({
        "tflm-host invoke": ours.invoke,
        "tflite-micro invoke": theirs.invoke,
        "tflm-host set+invoke+get": cycle(ours),
        "tflite-micro set+invoke+get": cycle(theirs),
    }, rounds=args.rounds)
    print(f"machine: {machine_description()}\n")
    print("| what | µs per call |\n|---|---|")
    for name, seconds in results.items():
        print(f"| {name} | {seconds * 1e6:.2f} |")


if __name__ == "__main__":
    main()
