// For kernels that, like TFLM's, reject input values at Eval (RSQRT below the zero point,
// FLOOR_DIV by zero): the error fails the invoke (InvokeError in Python), not Prepare.
#pragma once

#include "core/status.h"

#define TFH_INVOKE_ENSURE(cond, ...)                                              \
  do {                                                                            \
    if (!(cond))                                                                  \
      return ::tflm_host::Status::Error(::tflm_host::StatusCode::kRuntime,        \
                                        ::tflm_host::Format(__VA_ARGS__));        \
  } while (0)
