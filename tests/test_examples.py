"""The bundled example models: valid for TFLM, accurate, and runnable as a module."""
import subprocess
import sys

import numpy as np
import pytest

import tflm_host
from oracle import assert_matches_oracle
from tflm_host.examples import sine_model_paths

GRID = np.linspace(0.0, 2 * np.pi, 8, dtype=np.float32)
TOLERANCE = {"float": 0.05, "int8": 0.1}


def test_sine_models_are_bundled():
    paths = sine_model_paths()
    assert set(paths) == {"float", "int8"}
    for path in paths.values():
        assert path.is_file() and path.stat().st_size < 8192, path


def test_sine_float_matches_oracle():
    xs = np.random.default_rng(0).uniform(-1.0, 2 * np.pi + 1.0, size=200).astype(np.float32)
    assert_matches_oracle(sine_model_paths()["float"], [[np.array([[x]])] for x in xs])


def test_sine_int8_matches_oracle_on_every_input():
    inputs = [[np.array([[q]], dtype=np.int8)] for q in range(-128, 128)]
    assert_matches_oracle(sine_model_paths()["int8"], inputs)


def test_sine_int8_is_quantized_like_the_converter():
    interp = tflm_host.Interpreter(sine_model_paths()["int8"])
    for d in interp.get_tensor_details():
        q = d["quantization_parameters"]
        if d["name"].endswith("/weights"):
            assert d["dtype"] == np.int8 and len(q["scales"]) == d["shape"][0]
            assert q["quantized_dimension"] == 0 and not q["zero_points"].any()
        elif d["name"].endswith("/bias"):
            assert d["dtype"] == np.int32 and not q["zero_points"].any()
        else:
            assert d["dtype"] == np.int8 and len(q["scales"]) == 1, d["name"]
    assert interp.get_input_details(0)["quantization_parameters"]["zero_points"][0] == -128


@pytest.mark.parametrize("kind", ["float", "int8"])
def test_sine_models_approximate_sine(kind):
    interp = tflm_host.Interpreter(sine_model_paths()[kind])
    got = np.array([interp.predict(np.array([[x]], dtype=np.float32))[0, 0] for x in GRID])
    np.testing.assert_allclose(got, np.sin(GRID), atol=TOLERANCE[kind], rtol=0)


def test_sine_example_runs_as_module():
    result = subprocess.run([sys.executable, "-m", "tflm_host.examples.sine"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("sin(x)" in line and "int8" in line for line in lines), result.stdout
    rows = [line for line in lines if line.split() and _is_number(line.split()[0])]
    assert len(rows) == len(GRID), result.stdout
    assert "max |error|" in result.stdout and "arena used" in result.stdout


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
