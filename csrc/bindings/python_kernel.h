// A node kernel implemented by a Python function (a custom op registered from Python).
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

#include "core/node.h"

namespace tflm_host {

// `fn(inputs)` gets one read-only memoryview per node input (None for an omitted one) and
// returns one C-contiguous buffer per node output with exactly the output's byte size (the
// Python layer checks shapes and dtypes). Eval takes the GIL for the call only. A Python
// exception is left set (restored) and reported as an error Status; the invoke binding
// re-raises it.
std::shared_ptr<ExternalKernel> MakePythonKernel(pybind11::function fn);

// After a failed invoke: re-raises the Python exception a Python kernel left set, if any.
void ThrowPendingPythonError();

}  // namespace tflm_host
