"""tflm-host inspect and run, driven by subprocess."""
import numpy as np

import tflm_host
from cli_helpers import SINE, assert_one_line_error, run_cli, run_json
from oracle import random_inputs, shared_model

PERSON = "person_detection/person_detect.tflite"


def test_inspect_person_detect_ops_tensors_and_macs():
    path = shared_model(PERSON)
    info = run_json("inspect", path)
    graph = info["subgraphs"][0]
    ops = graph["operators"]
    assert [o["op"] for o in ops][:3] == ["DEPTHWISE_CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D"]
    # Operator 2: 1x1 convolution 8 -> 16 channels on 48x48 (TFLM's visualize shows the shapes).
    assert ops[2]["macs"] == 48 * 48 * 16 * 8
    # Operator 0: 3x3 depthwise, 1 -> 8 channels, 48x48 output.
    assert ops[0]["macs"] == 48 * 48 * 8 * 9
    assert ops[29]["op"] == "RESHAPE" and ops[29]["macs"] == 0
    assert graph["macs"] == sum(o["macs"] for o in ops)
    tensors = graph["tensors"]
    weights = tensors[ops[2]["inputs"][1]]
    assert weights["kind"] == "constant" and weights["shape"] == [16, 1, 1, 8]
    assert weights["quantization"]["per_channel"] and weights["quantization"]["channels"] == 16
    assert tensors[graph["inputs"][0]]["kind"] == "input"
    assert info["size_bytes"] == path.stat().st_size
    assert info["weight_bytes"] + info["other_bytes"] == info["size_bytes"]
    # TFLM's benchmark reports 218,928 bytes of data buffers for this model (README of
    # tools/benchmarking): our weights are those buffers.
    assert info["weight_bytes"] == 218928
    assert info["unsupported_here"] == [] and info["unsupported_in_tflm"] == []
    assert info["integer"]["fully_integer"]


def test_inspect_text_and_integer_verdicts():
    text = run_cli("inspect", SINE["int8"]).stdout
    assert "FULLY_CONNECTED" in text and "fully integer: yes" in text
    assert "per-channel" in text
    float_info = run_json("inspect", SINE["float"])
    assert not float_info["integer"]["fully_integer"]
    assert float_info["integer"]["float_operators"] == [0, 1, 2]


def test_inspect_int8_lstm():
    info = run_json("inspect", shared_model("mnist_lstm/trained_lstm_int8.tflite"))
    graph = info["subgraphs"][0]
    lstm = graph["operators"][0]
    shapes = [graph["tensors"][t]["shape"] if t >= 0 else None for t in lstm["inputs"]]
    batch, steps, features = shapes[0]
    cell = shapes[1][0]
    # Four input-to-gate [cell, features] and four recurrent [cell, cell] products per step.
    assert lstm["macs"] == batch * steps * 4 * cell * (features + cell)
    # The LSTM's float gate "intermediates" hold no data: the model is still fully integer.
    assert info["integer"]["fully_integer"]
    kinds = {t["kind"] for t in graph["tensors"] if t["dtype"] == "FLOAT32"}
    assert kinds == {"op-internal"}


def test_inspect_reports_ops_this_build_cannot_run():
    info = run_json("inspect", shared_model("person_detection/person_detect_vela.tflite"))
    assert any("ethos-u" in text for text in info["unsupported_here"])
    assert info["unsupported_in_tflm"] == []  # TFLM registers it with AddEthosU()


def test_run_matches_interpreter(tmp_path):
    path = shared_model(PERSON)
    x = random_inputs(path, np.random.default_rng(1))[0]
    np.save(tmp_path / "x.npy", x)
    run_cli("run", path, "--input", tmp_path / "x.npy", "-o", tmp_path / "out.npz")
    interp = tflm_host.Interpreter(path)
    interp.set_input(x, 0)
    interp.invoke()
    with np.load(tmp_path / "out.npz") as out:
        np.testing.assert_array_equal(out["output_0"], interp.get_output(0))
    shown = run_json("run", path, "--input", tmp_path / "x.npy")
    assert shown["outputs"][0]["data"] == interp.get_output(0).tolist()


def test_run_float_quantizes_with_the_models_parameters(tmp_path):
    x = np.array([[1.25]], np.float32)
    np.save(tmp_path / "x.npy", x)
    run_cli("run", SINE["int8"], "--input", tmp_path / "x.npy", "--float", "-o", tmp_path / "o.npz")
    expected = tflm_host.Interpreter(SINE["int8"]).predict(x)
    with np.load(tmp_path / "o.npz") as out:
        assert out["output_0"].dtype == np.float32
        np.testing.assert_array_equal(out["output_0"], expected)
        assert abs(float(out["output_0"][0, 0]) - np.sin(1.25)) < 0.05


def test_run_errors_are_one_line(tmp_path):
    np.save(tmp_path / "wrong_shape.npy", np.zeros((3, 1), np.int8))
    np.save(tmp_path / "float.npy", np.zeros((1, 1), np.float32))
    (tmp_path / "bad.tflite").write_bytes(b"not a model at all, clearly")
    (tmp_path / "bad.npy").write_bytes(b"garbage")
    assert_one_line_error(run_cli("run", tmp_path / "missing.tflite", check=False), "not found")
    assert_one_line_error(run_cli("run", tmp_path / "bad.tflite", "-i", tmp_path / "float.npy",
                                  check=False), "model")
    assert_one_line_error(run_cli("run", SINE["int8"], check=False), "1 input(s), got 0")
    assert_one_line_error(run_cli("run", SINE["int8"], "-i", tmp_path / "wrong_shape.npy",
                                  check=False), "expects shape [1, 1], got [3, 1]")
    assert_one_line_error(run_cli("run", SINE["int8"], "-i", tmp_path / "float.npy", check=False),
                          "use --float")
    assert_one_line_error(run_cli("run", SINE["int8"], "-i", tmp_path / "bad.npy", check=False),
                          "not a numpy")
    assert_one_line_error(run_cli("run", SINE["int8"], "-i", tmp_path / "nothere.npy",
                                  check=False), "input file not found")
