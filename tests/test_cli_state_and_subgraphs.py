"""The command line on stateful and multi-subgraph models: what the persistent area holds,
the 64-bit arena estimate against TFLM's own figures, signal-op export, control-flow models
through inspect/profile/compare, and --threads."""
import re
import subprocess
import sys

import numpy as np
import pytest

import tflm_host
from cli_helpers import assert_one_line_error, run_cli, run_json
from oracle import MODELS_DIR, shared_model
from test_cli_export import _compile
from test_control_flow import call_once_model, if_model, while_model

PREPROCESSOR_INT8 = "micro_speech/audio_preprocessor_int8.tflite"
PREPROCESSOR_FLOAT = "micro_speech/audio_preprocessor_float.tflite"
PERSON = "person_detection/person_detect.tflite"

_ORACLE_ALLOCATIONS = """
import sys
from tflite_micro.python.tflite_micro import runtime
runtime.Interpreter.from_file(sys.argv[1]).print_allocations()
"""


def oracle_arena(path) -> dict:
    """TFLM's arena for the model as tflite-micro's Python interpreter (x86-64, recording
    allocator) reports it: {"total", "head"}. A subprocess, as TFLM prints from C++."""
    pytest.importorskip("tflite_micro")
    proc = subprocess.run([sys.executable, "-c", _ORACLE_ALLOCATIONS, str(path)],
                          capture_output=True, text=True, timeout=300)
    text = proc.stdout + proc.stderr
    total = re.search(r"Arena allocation total (\d+) bytes", text)
    head = re.search(r"Arena allocation head (\d+) bytes", text)
    assert total and head, text
    return {"total": int(total.group(1)), "head": int(head.group(1))}


def manifest_arena(relative: str) -> dict:
    """The x86-64 "TFLM arena total / head" column of the shared models' MANIFEST.md."""
    text = (MODELS_DIR / "MANIFEST.md").read_text()
    row = re.search(re.escape(relative) + r" \|[^\n]*?\| (\d+) / (\d+) \|", text)
    assert row, relative
    return {"total": int(row.group(1)), "head": int(row.group(2))}


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- 1. what the persistent area holds ---------------------------------------------------------

@pytest.mark.parametrize("name, part", [(PREPROCESSOR_INT8, "kernel_state"),
                                        ("keyword/keyword_scrambled.tflite", "variable_tensors")])
def test_arena_reports_kernel_state_and_variable_tensors_apart(name, part):
    path = shared_model(name)
    report = run_json("arena", path, "--summary")
    parts = report["persistent_parts"]
    assert sum(parts.values()) == report["persistent_bytes"] > 0
    assert parts[part] == report["persistent_bytes"]
    assert parts == tflm_host.Interpreter(path).persistent_parts()
    text = run_cli("arena", path, "--summary").stdout
    label = part.replace("_", " ")
    assert f"{report['persistent_bytes']:,} persistent ({parts[part]:,} {label})" in text


def test_keyword_variable_tensors_are_the_manifests():
    # MANIFEST.md: keyword_scrambled keeps 10,240 bytes of SVDF state in variable tensors.
    parts = run_json("arena", shared_model("keyword/keyword_scrambled.tflite"),
                     "--summary")["persistent_parts"]
    assert parts == {"variable_tensors": 10240, "kernel_state": 0, "resource_variables": 0}


def test_arena_reports_resource_variables(tmp_path):
    path = _write(tmp_path, "once.tflite", call_once_model(init_value=np.arange(4, dtype=np.float32)))
    report = run_json("arena", path, "--summary")
    # One float32[4] variable, 16-byte aligned, and nothing else persistent.
    assert report["persistent_parts"] == {"variable_tensors": 0, "kernel_state": 0,
                                          "resource_variables": 16}
    assert "(16 resource variables)" in run_cli("arena", path, "--summary").stdout


# -- 2. the arena estimate against TFLM's figures ----------------------------------------------

X86_MODELS = ["hello_world/hello_world_float.tflite", "hello_world/hello_world_int8.tflite",
              PREPROCESSOR_INT8, PREPROCESSOR_FLOAT, "micro_speech/micro_speech_quantized.tflite",
              PERSON, "keyword/keyword_scrambled.tflite", "keyword/keyword_scrambled_8bit.tflite",
              "mnist_lstm/trained_lstm.tflite", "mnist_lstm/trained_lstm_int8.tflite",
              "micro_speech_lstm/micro_speech_lstm.tflite", "dtln/dtln_noise_suppression.tflite"]


@pytest.mark.parametrize("name", X86_MODELS)
def test_x86_64_estimate_matches_tflm(name):
    path = shared_model(name)
    est = run_json("arena", path, "--summary", "--target", "x86-64")["estimate"]
    assert est["pointer_bytes"] == 8
    for figures in (oracle_arena(path), manifest_arena(name)):
        assert est["non_persistent"] == figures["head"]
        assert abs(est["total"] - figures["total"]) <= 0.02 * figures["total"], figures


@pytest.mark.parametrize("build", [lambda: if_model(), lambda: while_model(),
                                   lambda: call_once_model(init_value=np.ones(4, np.float32))])
def test_x86_64_estimate_of_control_flow_models(tmp_path, build):
    path = _write(tmp_path, "m.tflite", build())
    est = run_json("arena", path, "--summary", "--target", "x86-64")["estimate"]
    figures = oracle_arena(path)
    assert est["non_persistent"] == figures["head"]
    assert abs(est["total"] - figures["total"]) <= 0.02 * figures["total"], figures
    # Operators of every subgraph have their persistent data counted.
    assert {entry["subgraph"] for entry in est["operators"]} == set(
        range(len(tflm_host.load_model(path).subgraphs)))


def test_signal_state_in_the_32_bit_estimate():
    path = shared_model(PREPROCESSOR_INT8)
    wide = run_json("arena", path, "--summary", "--target", "x86-64")["estimate"]
    narrow = run_json("arena", path, "--summary", "--target", "cortex-m")["estimate"]
    by_op = {e["op"]: e["persistent_bytes"] for e in narrow["operators"]}
    # SignalRfft's kiss_fftr state for 512 points dominates (2,836 bytes on 32 bits: three
    # pointers, the 256-point complex FFT's 268-byte header and 255 twiddles, 384 more
    # complex int16), plus its 32-byte params; the filter bank's work area is 41 uint64.
    assert by_op["SignalRfft"] == 32 + 2848
    assert by_op["SignalFilterBank"] == 48 + 336
    assert by_op["SignalFilterBankSpectralSubtraction"] == 48 + 160
    # Same head; a 32-bit tail is smaller, but holds the same signal buffers.
    assert narrow["non_persistent"] == wide["non_persistent"]
    assert narrow["persistent"] < wide["persistent"]
    assert narrow["persistent_parts"]["kernel persistent buffers"] > 3800


# -- 3. export of a signal-op model --------------------------------------------------------------

def test_export_preprocessor_has_arena_size_and_signal_registrations(tmp_path):
    path = shared_model(PREPROCESSOR_INT8)
    result = run_json("export", path, "-o", tmp_path, "--target", "cortex-m")
    estimate = run_json("arena", path, "--summary", "--target", "cortex-m")["estimate"]["total"]
    assert result["arena_estimate"] == estimate
    assert f"constexpr size_t kTensorArenaSize = {result['arena_size']};" in \
        (tmp_path / "model_data.h").read_text()
    # TFLM's micro_speech audio preprocessor registers the signal ops through these methods
    # (each an AddCustom("Signal...", tflm_signal::Register_...())).
    resolver = (tmp_path / "model_op_resolver.h").read_text()
    for method in ("AddWindow", "AddFftAutoScale", "AddRfft", "AddEnergy", "AddFilterBank",
                   "AddFilterBankSquareRoot", "AddFilterBankSpectralSubtraction", "AddPCAN",
                   "AddFilterBankLog", "AddReshape", "AddCast", "AddStridedSlice",
                   "AddConcatenation", "AddMul", "AddAdd", "AddDiv", "AddMinimum", "AddMaximum"):
        assert f"resolver.{method}()" in resolver
    assert f"kModelOpCount = {len(result['resolver_methods'])};" in resolver
    _compile(tmp_path)


# -- 4. inspect, profile and compare on control flow and the preprocessors ------------------

def test_inspect_multi_subgraph_model(tmp_path):
    path = _write(tmp_path, "while.tflite", while_model())
    info = run_json("inspect", path)
    assert [len(g["operators"]) for g in info["subgraphs"]] == [1, 1, 5]
    assert info["subgraphs"][0]["operators"][0]["op"] == "WHILE"
    assert info["unsupported_here"] == [] and info["unsupported_in_tflm"] == []
    text = run_cli("inspect", path).stdout
    assert "subgraph 2 (body)" in text


def test_inspect_preprocessor_lists_the_signal_ops():
    info = run_json("inspect", shared_model(PREPROCESSOR_FLOAT))
    ops = [o["op"] for o in info["subgraphs"][0]["operators"]]
    assert ops[:5] == ["SignalWindow", "RESHAPE", "SignalFftAutoScale", "SignalRfft",
                       "SignalEnergy"]
    assert info["unsupported_here"] == [] and info["unsupported_in_tflm"] == []


@pytest.mark.parametrize("which", ["if", "preprocessor"])
def test_profile_control_flow_and_preprocessor(tmp_path, which):
    path = (_write(tmp_path, "if.tflite", if_model()) if which == "if"
            else shared_model(PREPROCESSOR_INT8))
    result = run_json("profile", path, "--repeats", "3")
    main = tflm_host.load_model(path).main
    assert sorted(r["index"] for r in result["operators"]) == list(range(len(main.operators)))
    assert abs(sum(r["share"] for r in result["operators"]) - 1) < 1e-6
    assert result["total_seconds"] > 0


def test_compare_multi_subgraph_model_with_itself(tmp_path):
    path = _write(tmp_path, "if.tflite", if_model())
    rng = np.random.default_rng(1)
    data = tmp_path / "data.npz"
    np.savez(data, cond=rng.integers(0, 2, (8, 1)).astype(bool),
             x=rng.normal(size=(8, 2, 3)).astype(np.float32),
             z=rng.normal(size=(8, 2, 3)).astype(np.float32))
    result = run_json("compare", path, path, "--data", data)
    for output in result["outputs"]:
        assert output["max_abs"] == 0


def test_compare_preprocessor_with_itself(tmp_path):
    path = shared_model(PREPROCESSOR_FLOAT)
    data = tmp_path / "audio.npy"
    rng = np.random.default_rng(2)
    np.save(data, rng.integers(-3000, 3000, (4, 1, 480)).astype(np.int16))
    result = run_json("compare", path, path, "--data", data)
    assert result["outputs"][0]["max_abs"] == 0


# -- 5. --threads ----------------------------------------------------------------------------

def test_run_and_profile_with_threads_give_the_same_bits(tmp_path):
    path = shared_model(PERSON)
    x = np.random.default_rng(3).integers(-128, 128, (1, 96, 96, 1)).astype(np.int8)
    np.save(tmp_path / "x.npy", x)
    one = run_json("run", path, "-i", tmp_path / "x.npy")["outputs"][0]["data"]
    two = run_json("run", path, "-i", tmp_path / "x.npy", "--threads", "2")["outputs"][0]["data"]
    ref = run_json("run", path, "-i", tmp_path / "x.npy", "--kernels", "reference")
    assert one == two == ref["outputs"][0]["data"]
    result = run_json("profile", path, "--repeats", "2", "--threads", "2")
    assert result["threads"] == 2
    assert "2 threads" in run_cli("profile", path, "--repeats", "1", "--threads", "2").stdout


def test_bad_thread_count_is_a_one_line_error():
    path = shared_model(PERSON)
    assert_one_line_error(run_cli("run", path, "--threads", "0", check=False), "num_threads")


def test_output_piped_into_head_stops_quietly(tmp_path):
    path = shared_model(PERSON)
    # --json prints some 260 kB, more than a pipe holds, so the writer meets the closed pipe.
    with open(tmp_path / "stderr", "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "tflm_host", "inspect", "--json",
                                 str(path)], stdout=subprocess.PIPE, stderr=err)
        first = proc.stdout.readline()
        proc.stdout.close()  # what head does after its lines
        assert proc.wait(timeout=120) == 0
    assert first.startswith(b"{") and (tmp_path / "stderr").read_bytes() == b""
