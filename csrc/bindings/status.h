// Status -> Python exception (ValueError, NotImplementedError, MemoryError, RuntimeError);
// the Python layer re-raises them as tflm_host.errors types.
#pragma once

#include <pybind11/pybind11.h>

#include "core/status.h"

namespace tflm_host {

inline void ThrowIfError(const Status& status) {
  if (status.ok()) return;
  switch (status.code()) {
    case StatusCode::kInvalid: throw pybind11::value_error(status.message());
    case StatusCode::kUnsupported: throw pybind11::type_error(status.message());
    case StatusCode::kArenaTooSmall: throw std::bad_alloc();
    default: throw std::runtime_error(status.message());
  }
}

}  // namespace tflm_host
