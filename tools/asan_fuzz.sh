#!/bin/sh
# Runs the kernel-contract fuzzer (tests/test_kernel_fuzz.py) against an AddressSanitizer
# build of the native core, to catch out-of-bounds reads and writes that don't crash.
#   tools/asan_fuzz.sh [build-dir] [pytest args...]
# The ASan extension is built separately (default /tmp/tflm-host-asan) and loaded only by
# the fuzzer's worker processes (TFLM_FUZZ_CORE), with libasan preloaded into them (and
# libstdc++, without which ASan cannot intercept the C++ exceptions that carry errors).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-/tmp/tflm-host-asan}
[ $# -gt 0 ] && shift
python=${PYTHON:-python3}
flags="-fsanitize=address -fno-omit-frame-pointer"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=address -DPython_EXECUTABLE="$(command -v "$python")" \
  -Dpybind11_DIR="$("$python" -c 'import pybind11; print(pybind11.get_cmake_dir())')" >/dev/null
ninja -C "$build" -j "${JOBS:-2}" _core
TFLM_FUZZ_CORE=$(ls "$build"/_core*.so) \
TFLM_FUZZ_PRELOAD="$(${CXX:-g++} -print-file-name=libasan.so) $(${CXX:-g++} -print-file-name=libstdc++.so.6)" \
TFLM_FUZZ_TIMEOUT=${TFLM_FUZZ_TIMEOUT:-120} \
  exec "$python" -m pytest "$root/tests/test_kernel_fuzz.py" "$@"
