"""tflm-host arena (host plan and Cortex-M estimate) and profile, driven by subprocess."""
import pytest

import tflm_host
from cli_helpers import SINE, run_cli, run_json
from oracle import shared_model
from tflm_host.tools.cortex_m import cmsis_scratch_bytes

PERSON = "person_detection/person_detect.tflite"


@pytest.mark.parametrize("name", [PERSON, "micro_speech/micro_speech_quantized.tflite",
                                  "mnist_lstm/trained_lstm.tflite"])
def test_arena_equals_interpreter(name):
    path = shared_model(name)
    report = run_json("arena", path)
    interp = tflm_host.Interpreter(path)
    assert report["arena_used_bytes"] == interp.arena_used_bytes()
    assert report["plan"] == interp.memory_plan()
    # The buffers alive at the peak reach the top of the plan.
    alive = [report["plan"][i] for i in report["peak_buffers"]]
    assert max(p["offset"] + p["size"] for p in alive) == report["head_bytes"]


def test_cortex_m_estimate_matches_tflm_benchmark_person_detect():
    # TFLM's generic benchmark, person_detect on Corstone-300 (Cortex-M4, CMSIS-NN):
    # 84,436 bytes = 55,296 non-persistent + 29,140 persistent (tools/benchmarking/README.md).
    path = shared_model(PERSON)
    est = run_json("arena", path, "--target", "cortex-m-cmsis", "--benchmark-setup")["estimate"]
    assert abs(est["total"] - 84436) <= 0.02 * 84436
    assert abs(est["persistent"] - 29140) <= 0.02 * 29140
    assert est["non_persistent"] == 55296
    # Its RecordingMicroAllocator table, item by item.
    parts = est["persistent_parts"]
    assert parts["eval tensors"] == 1068
    assert parts["nodes and registrations"] == 992
    assert parts["persistent I/O tensors"] == 64
    assert parts["I/O quantization"] == 40
    assert parts["kernel persistent buffers"] == 25872


def test_cortex_m_estimate_variants():
    path = shared_model(PERSON)
    app = run_json("arena", path, "--target", "cortex-m-cmsis")["estimate"]
    bench = run_json("arena", path, "--target", "cortex-m-cmsis", "--benchmark-setup")["estimate"]
    assert bench["persistent"] - app["persistent"] == 2016 + 88  # resource variables, recorder
    reference = run_json("arena", path, "--target", "cortex-m")["estimate"]
    # Reference kernels: smaller OpData, no CMSIS average-pool scratch handle.
    assert reference["persistent"] < app["persistent"]
    text = run_cli("arena", path, "--target", "cortex-m-cmsis-mve", "--summary").stdout
    assert "MVE" in text and "estimated TFLM arena" in text


def test_cmsis_nn_scratch_sizes_mobilenet_v2():
    # CMSIS-NN's arm_*_get_buffer_size on the DSP and MVE variants, worked by hand.
    path = shared_model("mobilenet_v2/mobilenet_v2_quantized_1x3x224x224.tflite")
    graph = tflm_host.load_model(path).main
    first_conv = next(op for op in graph.operators if op.op_name == "CONV_2D")
    assert graph.tensors[first_conv.inputs[1]].shape[1:] == (3, 3, 3)
    # im2col of 3*3*3 = 27 columns, rounded up to 28: 2 columns x 28 x int16 (DSP);
    # 4 buffers of ceil(27 / 16) * 16 int8 (MVE).
    assert cmsis_scratch_bytes(graph, first_conv, "dsp") == 2 * 28 * 2
    assert cmsis_scratch_bytes(graph, first_conv, "mve") == 4 * 32
    pointwise = next(op for op in graph.operators if op.op_name == "CONV_2D"
                     and graph.tensors[op.inputs[1]].shape[1:3] == (1, 1))
    assert cmsis_scratch_bytes(graph, pointwise, "dsp") == 0
    depthwise = next(op for op in graph.operators if op.op_name == "DEPTHWISE_CONV_2D")
    assert cmsis_scratch_bytes(graph, depthwise, "dsp") == 0     # 3x3, padding <= 1
    assert cmsis_scratch_bytes(graph, depthwise, "mve") == 4 * 124 * 9
    est = run_json("arena", path, "--target", "cortex-m-cmsis", "--summary")["estimate"]
    # Operators CMSIS-NN does not replace keep the reference kernels' scratch (MEAN here).
    kept = [p for p in tflm_host.Interpreter(path, kernels="reference").memory_plan()
            if p["tensor"] < 0 and cmsis_scratch_bytes(graph, graph.operators[p["node"]], "dsp") is None]
    assert kept and {graph.operators[p["node"]].op_name for p in kept} == {"MEAN"}
    buffers = sum(1 for op in graph.operators if cmsis_scratch_bytes(graph, op, "dsp"))
    assert est["persistent_parts"]["scratch handles"] == 4 * (buffers + len(kept))


def test_arena_plot(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "plan.png"
    run_cli("arena", shared_model(PERSON), "--plot", out, "--summary")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_profile_lists_every_operator_with_shares():
    path = shared_model(PERSON)
    result = run_json("profile", path, "--repeats", "3")
    ops = result["operators"]
    assert sorted(o["index"] for o in ops) == list(range(31))
    assert [o["seconds"] for o in ops] == sorted((o["seconds"] for o in ops), reverse=True)
    assert abs(sum(o["share"] for o in ops) - 1.0) < 1e-9
    conv = next(o for o in ops if o["index"] == 2)
    assert conv["macs"] == 48 * 48 * 16 * 8
    assert conv["macs_per_second"] == pytest.approx(conv["macs"] / conv["seconds"])
    text = run_cli("profile", SINE["int8"], "--repeats", "2").stdout
    assert "FULLY_CONNECTED" in text and "total:" in text
