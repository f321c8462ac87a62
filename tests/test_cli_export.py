"""tflm-host export: C++ that compiles against (stub) TFLM declarations."""
import shutil
import subprocess
from pathlib import Path

import pytest

import tflm_host
from cli_helpers import SINE, run_cli, run_json
from oracle import shared_model
from tflm_host.tools.export import resolver_calls

STUBS = Path(__file__).resolve().parent / "tflm_stubs"
MAIN = """#include "model_data.h"
#include "model_op_resolver.h"
alignas(16) static unsigned char arena[kTensorArenaSize];
int main() {
  ModelOpResolver resolver;
  if (RegisterModelOps(resolver) != kTfLiteOk) return 1;
  return (g_model_len > 0 && g_model[4] == 'T' && sizeof(arena) > 0) ? 0 : 1;
}
"""


def _compile(directory: Path, main: str = MAIN) -> None:
    compiler = shutil.which("g++")
    if compiler is None:
        pytest.skip("g++ not installed")
    (directory / "main.cc").write_text(main)
    proc = subprocess.run([compiler, "-std=c++17", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
                           f"-I{STUBS}", f"-I{directory}", str(directory / "main.cc"),
                           str(directory / "model_data.cc")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_export_person_detect_compiles_and_holds_the_model(tmp_path):
    path = shared_model("person_detection/person_detect.tflite")
    result = run_json("export", path, "-o", tmp_path)
    assert result["resolver_methods"] == ["AddDepthwiseConv2D", "AddConv2D", "AddAveragePool2D",
                                          "AddReshape", "AddSoftmax"]
    header = (tmp_path / "model_op_resolver.h").read_text()
    assert "MicroMutableOpResolver<kModelOpCount>" in header and "kModelOpCount = 5;" in header
    # The array holds exactly the model bytes (read back with the xxd -i parser).
    source = (tmp_path / "model_data.cc").read_text()
    assert "alignas(16) const unsigned char g_model[]" in source
    assert tflm_host.load_model(source.encode()).data.tobytes() == path.read_bytes()
    # The arena constant: the Cortex-M estimate plus the stated 10% margin.
    estimate = run_json("arena", path, "--target", "cortex-m-cmsis")["estimate"]["total"]
    assert result["arena_estimate"] == estimate
    assert estimate * 1.1 <= result["arena_size"] < estimate * 1.1 + 16
    assert f"constexpr size_t kTensorArenaSize = {result['arena_size']};" in \
        (tmp_path / "model_data.h").read_text()
    _compile(tmp_path)


def test_export_sine_with_name_and_margin(tmp_path):
    run_cli("export", SINE["int8"], "-o", tmp_path, "--name", "sine_model", "--margin", "0.5",
            "--target", "cortex-m")
    assert "AddFullyConnected()" in (tmp_path / "model_op_resolver.h").read_text()
    main = MAIN.replace("g_model", "sine_model")
    _compile(tmp_path, main)


def test_export_signal_custom_ops(tmp_path):
    path = shared_model("micro_speech/audio_preprocessor_int8.tflite")
    calls = resolver_calls(tflm_host.load_model(path))
    assert {"AddWindow", "AddFftAutoScale", "AddRfft", "AddEnergy", "AddFilterBank",
            "AddFilterBankSquareRoot", "AddFilterBankSpectralSubtraction", "AddPCAN",
            "AddFilterBankLog"} <= set(calls)
    run_cli("export", path, "-o", tmp_path)
    text = (tmp_path / "model_op_resolver.h").read_text()
    assert text.count("resolver.Add") == len(calls)
    # The signal ops run here, so the model gets its arena constant too.
    assert "kTensorArenaSize =" in (tmp_path / "model_data.h").read_text()
    _compile(tmp_path)
