"""num_threads: validation, and outputs bit-identical to the oracle for any thread count."""
import numpy as np
import pytest

import tflm_host
from tflm_host.examples import sine_model_paths
from oracle import assert_same_outputs, random_inputs, run_host, run_oracle, shared_model

THREADED_MODELS = [
    "person_detection/person_detect.tflite",
    "micro_speech/micro_speech_quantized.tflite",
    "hello_world/hello_world_float.tflite",
]


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2", tflm_host.interpreter.MAX_THREADS + 1])
def test_num_threads_rejects_bad_values(bad):
    model = sine_model_paths()["int8"]
    with pytest.raises(ValueError, match="num_threads must be an integer from 1 to"):
        tflm_host.Interpreter(model, num_threads=bad)


@pytest.mark.parametrize("relative", THREADED_MODELS)
@pytest.mark.parametrize("kernels", ["reference", "optimized"])
def test_threaded_outputs_match_oracle(relative, kernels):
    data = shared_model(relative).read_bytes()
    rng = np.random.default_rng(7)
    input_sets = [random_inputs(data, rng) for _ in range(3)]
    expected = run_oracle(data, input_sets)
    assert_same_outputs(run_host(data, input_sets, kernels, num_threads=2), expected, relative)
