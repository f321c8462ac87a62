"""TFLM's seanet integration tests (../shared/models/tflm/integration_tests/seanet): every
per-layer model, fed its input CSVs, must match the oracle's live output bit-exactly. The
CSV goldens come from TFLite, which differs from TFLM by 1 LSB in a few LEAKY_RELU cases, so
they are only a sanity check within 1 LSB."""
import re

import numpy as np
import pytest

import tflm_host
from oracle import MODELS_DIR, assert_same_outputs, run_host, run_oracle

SEANET = MODELS_DIR / "integration_tests" / "seanet"
CSV_DTYPES = {"int8": np.int8, "int16": np.int16, "int32": np.int32, "float": np.float32}


def _models():
    found = sorted(SEANET.glob("*/*.tflite"), key=lambda p: (
        p.parent.name, int(re.sub(r"\D", "", p.stem) or 0)))
    return [p.relative_to(SEANET).as_posix() for p in found]


MODELS = _models()


def _read_csv(path, dtype, shape) -> np.ndarray:
    values = np.array([float(v) for v in path.read_text().replace("\n", ",").split(",")
                       if v.strip()])
    return values.astype(dtype).reshape(shape)


def _case_files(model_path, kind: str):
    """The model's `<stem>_<kind><index?>_<type>.csv` files, in index order."""
    pattern = re.compile(re.escape(model_path.stem) + "_" + kind + r"(\d*)_(\w+)\.csv$")
    matches = [(m, p) for p in model_path.parent.iterdir() if (m := pattern.match(p.name))]
    return [p for m, p in sorted(matches, key=lambda mp: int(mp[0].group(1) or 0))]


def _inputs(model_path):
    interp = tflm_host.Interpreter(model_path)
    files = _case_files(model_path, "input")
    assert len(files) == interp.num_inputs, f"{len(files)} input CSVs for {interp.num_inputs}"
    out = []
    for i, f in enumerate(files):
        d = interp.get_input_details(i)
        out.append(_read_csv(f, np.dtype(d["dtype"]), tuple(d["shape"])))
    return out


@pytest.mark.skipif(not MODELS, reason=f"no seanet models under {SEANET} (set TFLM_MODELS)")
@pytest.mark.parametrize("name", MODELS or ["none"])
def test_seanet_case_matches_oracle(name):
    model_path = SEANET / name
    model = model_path.read_bytes()
    inputs = _inputs(model_path)
    expected = run_oracle(model, [inputs])
    for variant in ("reference", "optimized"):
        ours = run_host(model, [inputs], variant)
        assert_same_outputs(ours, expected, variant)

    # Sanity check against the TFLite goldens: at most 1 LSB off.
    goldens = _case_files(model_path, "golden")
    assert len(goldens) == len(expected[0])
    for k, (f, want) in enumerate(zip(goldens, expected[0])):
        golden = _read_csv(f, want.dtype, want.shape)
        diff = np.abs(ours[0][k].astype(np.int64) - golden.astype(np.int64))
        assert diff.max(initial=0) <= 1, f"output {k}: {diff.max()} LSB from the golden CSV"
