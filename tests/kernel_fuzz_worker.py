"""Worker of the kernel-contract fuzzer (kernel_fuzz.py): runs pickled model cases from
argv[2] on, printing one JSON line as each starts and one with its outcome, so the parent
can name the case that killed or hung the process.

Outcome "ok": loaded, prepared and invoked (both kernel variants). "error": refused with a
tflm_host error, ValueError or TypeError that has a message. "bad": any other exception.
"""
import importlib.util
import json
import os
import pickle
import sys

import numpy as np

core = os.environ.get("TFLM_FUZZ_CORE")  # e.g. an AddressSanitizer build of the extension
if core:
    spec = importlib.util.spec_from_file_location("tflm_host._core", core)
    module = importlib.util.module_from_spec(spec)
    sys.modules["tflm_host._core"] = module
    spec.loader.exec_module(module)

import tflm_host  # noqa: E402
from tflm_host.errors import TflmHostError  # noqa: E402

ALLOWED = (TflmHostError, ValueError, TypeError)


def random_input(details, rng):
    shape, dtype = tuple(details["shape"]), np.dtype(details["dtype"])
    if dtype.kind == "f":
        return rng.uniform(-4, 4, shape).astype(dtype)
    if dtype.kind == "b":
        return rng.integers(0, 2, shape).astype(dtype)
    info = np.iinfo(dtype)
    # Mostly small values (valid indices, shapes, axes), sometimes anything the type holds.
    pick = rng.random()
    if pick < 0.6:
        return rng.integers(0, 2, shape, endpoint=True).astype(dtype)
    if pick < 0.85:
        low, high = max(info.min, -3), min(info.max, 10)
        return rng.integers(low, high, shape, endpoint=True).astype(dtype)
    return rng.integers(info.min, info.max, shape, endpoint=True, dtype=dtype)


def run(model, case):
    for kernels in ("reference", "optimized"):
        interp = tflm_host.Interpreter(model, kernels=kernels)
        rng = np.random.default_rng(case)
        for i in range(interp.num_inputs):
            interp.set_input(random_input(interp.get_input_details(i), rng), i)
        interp.invoke()
        for i in range(interp.num_outputs):
            interp.get_output(i)
    interp.reset()       # state (variables, CALL_ONCE) back to the start, then run again
    interp.invoke()
    # A too-small arena must be refused up front, never overrun.
    try:
        tflm_host.Interpreter(model, arena_size=16).invoke()
    except tflm_host.ArenaTooSmallError:
        pass


def main():
    with open(sys.argv[1], "rb") as f:
        models = pickle.load(f)
    out = sys.stdout
    for case in range(int(sys.argv[2]), len(models)):
        out.write(json.dumps({"start": case}) + "\n")
        out.flush()
        try:
            run(models[case], case)
            outcome, detail = "ok", ""
        except ALLOWED as e:
            message = str(e)
            outcome = "error" if message.strip() else "bad"
            detail = f"{type(e).__name__}: {message}"
        except BaseException as e:  # noqa: BLE001 - anything else breaks the contract
            outcome, detail = "bad", f"{type(e).__name__}: {e}"
        out.write(json.dumps({"case": case, "outcome": outcome, "detail": detail[:500]}) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
