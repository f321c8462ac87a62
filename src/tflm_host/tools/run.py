"""tflm-host run: one invoke on saved inputs."""
from __future__ import annotations

import numpy as np

from .common import check_input_count, fit_input, open_interpreter


def run_model(model, inputs, as_float: bool = False, kernels: str = "optimized",
              threads: int = 1) -> dict:
    """Runs the model once. inputs: one array per model input, in the input tensor's dtype
    (as_float: float data, quantized with the input's own parameters; the outputs come back
    dequantized); threads: Interpreter(num_threads=...).
    Returns {"outputs": [{"index", "name", "dtype", "shape", "data"}]}."""
    interp = open_interpreter(model, kernels=kernels, num_threads=threads)
    check_input_count(interp, len(inputs))
    arrays = [fit_input(interp, i, x, as_float) for i, x in enumerate(inputs)]
    if as_float:
        result = interp.predict(*arrays)
        values = list(result) if isinstance(result, tuple) else [result]
    else:
        for i, x in enumerate(arrays):
            interp.set_input(x, i)
        interp.invoke()
        values = [interp.get_output(i) for i in range(interp.num_outputs)]
    outputs = []
    for i, value in enumerate(values):
        details = interp.get_output_details(i)
        outputs.append({"index": i, "name": details["name"], "dtype": value.dtype.name,
                        "shape": list(value.shape), "data": value})
    return {"outputs": outputs}


def outputs_as_npz_dict(result: dict) -> dict[str, np.ndarray]:
    return {f"output_{o['index']}": o["data"] for o in result["outputs"]}


def render_run(result: dict) -> str:
    lines = []
    with np.printoptions(precision=6, suppress=True, threshold=64, edgeitems=4):
        for o in result["outputs"]:
            lines.append(f"output {o['index']} ({o['name']}) {o['dtype']} {o['shape']}:")
            lines.append(str(o["data"]))
    return "\n".join(lines)
