"""tflm-host compare, record and check, and the pytest helper, driven by subprocess."""
import io
import json
import math

import numpy as np
import pytest

import tflm_host
from cli_helpers import SINE, assert_one_line_error, run_cli, run_json
from oracle import shared_model
from tflm_host.testing import assert_matches_golden
from tflm_host.tools.common import Progress


def _sine_data(path, count=64):
    x = np.linspace(0.0, 2 * np.pi, count, dtype=np.float32).reshape(count, 1, 1)
    np.save(path, x)
    return x


def test_compare_sine_float_vs_int8(tmp_path):
    x = _sine_data(tmp_path / "x.npy")
    result = run_json("compare", SINE["float"], SINE["int8"], "--data", tmp_path / "x.npy")
    assert result["samples"] == len(x)
    out = result["outputs"][0]
    # Recompute the output error directly from the two interpreters.
    ref = tflm_host.Interpreter(SINE["float"])
    quant = tflm_host.Interpreter(SINE["int8"])
    want = np.concatenate([ref.predict(s) for s in x]).astype(np.float64)
    got = np.concatenate([quant.predict(s) for s in x]).astype(np.float64)
    err = got - want
    assert out["max_abs"] == pytest.approx(np.abs(err).max())
    assert out["rmse"] == pytest.approx(math.sqrt(np.mean(err ** 2)))
    assert out["sqnr_db"] == pytest.approx(10 * math.log10(np.sum(want ** 2) / np.sum(err ** 2)))
    assert out["max_abs"] < 0.1 and out["sqnr_db"] > 25  # int8 keeps the sine close
    assert out["top1_agreement"] is None  # one value: not a classifier
    layers = result["layers"]
    assert [layer["name"] for layer in layers] == ["dense_1/relu", "dense_2/relu", "y"]
    assert layers[-1]["sqnr_db"] == pytest.approx(out["sqnr_db"])
    text = run_cli("compare", SINE["float"], SINE["int8"], "--data", tmp_path / "x.npy").stdout
    assert "SQNR" in text and "dense_2/relu" in text


def test_compare_a_model_with_itself_has_no_error(tmp_path):
    _sine_data(tmp_path / "x.npy", 8)
    result = run_json("compare", SINE["float"], SINE["float"], "--data", tmp_path / "x.npy")
    assert result["outputs"][0]["max_abs"] == 0.0
    assert result["outputs"][0]["sqnr_db"] == math.inf


def test_compare_classifier_top1(tmp_path):
    path = shared_model("person_detection/person_detect.tflite")
    rng = np.random.default_rng(0)
    np.save(tmp_path / "x.npy", rng.uniform(-1, 1, size=(3, 1, 96, 96, 1)).astype(np.float32))
    result = run_json("compare", path, path, "--data", tmp_path / "x.npy", "--outputs-only")
    assert result["outputs"][0]["top1_agreement"] == 1.0
    assert result["layers"] == []


def test_compare_errors(tmp_path):
    np.save(tmp_path / "bad.npy", np.zeros((4, 3), np.float32))
    assert_one_line_error(run_cli("compare", SINE["float"], SINE["int8"], "--data",
                                  tmp_path / "bad.npy", check=False), "expects shape [1, 1]")
    assert_one_line_error(run_cli("compare", SINE["float"], SINE["int8"], "--data",
                                  tmp_path / "none.npy", check=False), "not found")


def _changed_model(tmp_path):
    """The sine int8 model with the last layer's bias changed (as a retrained model would)."""
    model = tflm_host.load_model(SINE["int8"])
    bias = model.main.tensors[model.main.operators[2].inputs[2]]
    offset = bias.data.__array_interface__["data"][0] - model.data.__array_interface__["data"][0]
    data = bytearray(model.data.tobytes())
    value = np.frombuffer(bytes(data[offset:offset + 4]), "<i4")[0] + 3000
    data[offset:offset + 4] = np.array([value], "<i4").tobytes()
    path = tmp_path / "changed.tflite"
    path.write_bytes(bytes(data))
    return path


def test_record_and_check(tmp_path):
    samples = np.arange(-128, 128, 4, dtype=np.int8).reshape(-1, 1, 1)
    np.save(tmp_path / "inputs.npy", samples)
    golden = tmp_path / "golden.npz"
    run_cli("record", SINE["int8"], "--inputs", tmp_path / "inputs.npy", "-o", golden)
    with np.load(golden) as g:
        interp = tflm_host.Interpreter(SINE["int8"])
        (expected,) = interp.invoke_batch(samples)
        np.testing.assert_array_equal(g["output_0"], expected)
        np.testing.assert_array_equal(g["input_0"], samples)
    passed = run_cli("check", SINE["int8"], golden)
    assert "PASS" in passed.stdout and passed.returncode == 0
    assert_matches_golden(SINE["int8"], golden)

    changed = _changed_model(tmp_path)
    failed = run_cli("check", changed, golden, check=False)
    assert failed.returncode == 1
    assert "CHANGED" in failed.stdout and "FAIL" in failed.stdout
    report = json.loads(run_cli("check", changed, golden, "--json", check=False).stdout)
    row = report["outputs"][0]
    assert not report["passed"] and report["model_changed"]
    (now,) = tflm_host.Interpreter(changed).invoke_batch(samples)
    diff = now.astype(int) != expected.astype(int)
    assert row["changed_samples"] == int(diff.any(axis=(1, 2)).sum()) > 0
    assert row["max_abs_diff"] == np.abs(now.astype(int) - expected.astype(int)).max()
    with pytest.raises(AssertionError, match="CHANGED"):
        assert_matches_golden(changed, golden)


def test_record_from_a_directory_of_samples(tmp_path):
    folder = tmp_path / "samples"
    folder.mkdir()
    for k in range(3):
        np.save(folder / f"s{k}.npy", np.full((1, 1), 10 * k, np.int8))
    run_cli("record", SINE["int8"], "--inputs", folder, "-o", tmp_path / "g.npz")
    assert run_json("check", SINE["int8"], tmp_path / "g.npz")["samples"] == 3


def test_check_errors(tmp_path):
    np.savez(tmp_path / "not_golden.npz", a=np.zeros(3))
    assert_one_line_error(run_cli("check", SINE["int8"], tmp_path / "not_golden.npz",
                                  check=False), "not a golden file")
    assert_one_line_error(run_cli("check", SINE["int8"], tmp_path / "absent.npz", check=False),
                          "not found")
    assert_one_line_error(run_cli("record", SINE["int8"], "--inputs", tmp_path / "nothing",
                                  "-o", tmp_path / "g.npz", check=False), "not found")


def test_progress_bar_draws_on_stderr(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    with Progress(4, "work", enabled=True) as bar:
        for _ in range(4):
            bar.update()
    text = stream.getvalue()
    assert "work [" in text and "4/4" in text and text.endswith("\n")
    silent = io.StringIO()
    monkeypatch.setattr("sys.stderr", silent)
    with Progress(4, "work", enabled=False) as bar:
        bar.update(4)
    assert silent.getvalue() == ""


def test_two_input_model_run_record_check(tmp_path):
    path = shared_model("simple_add/simple_add_model.tflite")
    rng = np.random.default_rng(2)
    a = rng.integers(-128, 128, size=(3, 1, 128, 128, 1)).astype(np.int8)
    b = rng.integers(-128, 128, size=(3, 1, 128, 128, 1)).astype(np.int8)
    np.savez(tmp_path / "batches.npz", input_0=a, input_1=b)
    run_cli("record", path, "--inputs", tmp_path / "batches.npz", "-o", tmp_path / "g.npz")
    (expected,) = tflm_host.Interpreter(path).invoke_batch(a, b)
    with np.load(tmp_path / "g.npz") as g:
        np.testing.assert_array_equal(g["output_0"], expected)
    assert run_json("check", path, tmp_path / "g.npz")["passed"]
    np.save(tmp_path / "a.npy", a[0])
    np.save(tmp_path / "b.npy", b[0])
    out = run_json("run", path, "-i", tmp_path / "a.npy", "-i", tmp_path / "b.npy")
    assert out["outputs"][0]["data"] == expected[0].tolist()
