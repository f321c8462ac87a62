"""invoke() allocates nothing: the arena is the only working memory.

A tiny malloc-counting shim is compiled and preloaded into a child Python process, which
counts malloc calls across repeated native invokes (after a warm-up invoke)."""
import shutil
import subprocess
import sys
import textwrap

import pytest

from oracle import MODELS_DIR, shared_model
from test_math_ops import math_ops_graph

SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
static unsigned long count = 0;
unsigned long shim_malloc_count(void) { return count; }
void* malloc(size_t n) {
  static void* (*real)(size_t) = 0;
  if (!real) real = (void* (*)(size_t))dlsym(RTLD_NEXT, "malloc");
  count++;
  return real(n);
}
"""

CHILD = textwrap.dedent("""
    import ctypes, sys
    import numpy as np
    import tflm_host
    lib = ctypes.CDLL(None)
    lib.shim_malloc_count.restype = ctypes.c_ulong
    num_threads = int(sys.argv[1])
    for path in sys.argv[2:]:
        interp = tflm_host.Interpreter(path, num_threads=num_threads)
        runtime = interp._runtime
        runtime.invoke()
        before = lib.shim_malloc_count()
        for _ in range(5):
            runtime.invoke()
        print(path, lib.shim_malloc_count() - before)
""")

MODELS = ["hello_world/hello_world_float.tflite", "hello_world/hello_world_int8.tflite",
          "simple_add/simple_add_model.tflite", "micro_speech/micro_speech_quantized.tflite",
          "person_detection/person_detect.tflite",
          "mobilenet_v2/mobilenet_v2_quantized_1x3x224x224.tflite",
          "mnist_lstm/trained_lstm.tflite", "mnist_lstm/trained_lstm_int8.tflite",
          "micro_speech_lstm/micro_speech_lstm.tflite", "dtln/dtln_noise_suppression.tflite",
          "integration_tests/seanet/transpose_conv/transpose_conv4.tflite",
          "integration_tests/seanet/leaky_relu/leaky_relu0.tflite",
          "micro_speech/audio_preprocessor_int8.tflite",
          "micro_speech/audio_preprocessor_float.tflite",
          "keyword/keyword_scrambled.tflite", "keyword/keyword_scrambled_8bit.tflite"]


def invoke_malloc_counts(paths, tmp_path, num_threads=1):
    """Model path -> malloc calls (on any thread) over five invokes after a warm-up one, with
    num_threads threads (skips without a C compiler on Linux)."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None or not sys.platform.startswith("linux"):
        pytest.skip("needs a C compiler and Linux to preload a malloc counter")
    shim = tmp_path / "shim.so"
    (tmp_path / "shim.c").write_text(SHIM)
    subprocess.run([compiler, "-shared", "-fPIC", "-O2", str(tmp_path / "shim.c"), "-o", str(shim),
                    "-ldl"], check=True)
    result = subprocess.run([sys.executable, "-c", CHILD, str(num_threads), *paths],
                            capture_output=True, text=True, check=True,
                            env={"LD_PRELOAD": str(shim), "PATH": "/usr/bin:/bin",
                                 "TFLM_MODELS": str(MODELS_DIR)})
    return {line.rsplit(" ", 1)[0]: int(line.rsplit(" ", 1)[1])
            for line in result.stdout.splitlines()}


def test_invoke_allocates_nothing(tmp_path):
    built = tmp_path / "math_ops.tflite"
    built.write_bytes(math_ops_graph())
    paths = [str(shared_model(m)) for m in MODELS] + [str(built)]
    assert invoke_malloc_counts(paths, tmp_path) == {p: 0 for p in paths}
