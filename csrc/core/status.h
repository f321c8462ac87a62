// Status: the result of every fallible step of the core. Errors carry a message that the
// bindings turn into a Python exception; nothing in the core aborts the process.
#pragma once

#include <cstdarg>
#include <cstdio>
#include <string>
#include <utility>

namespace tflm_host {

enum class StatusCode { kOk = 0, kInvalid, kUnsupported, kArenaTooSmall, kRuntime };

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(StatusCode code, std::string message) {
    Status s;
    s.code_ = code;
    s.message_ = std::move(message);
    return s;
  }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// printf-style formatting for error messages (only on the error path).
inline std::string Format(const char* fmt, ...) {
  char buffer[512];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buffer, sizeof(buffer), fmt, args);
  va_end(args);
  return buffer;
}

}  // namespace tflm_host

// Returns an kInvalid error from the enclosing function when `cond` is false.
#define TFH_ENSURE(cond, ...)                                                     \
  do {                                                                            \
    if (!(cond))                                                                  \
      return ::tflm_host::Status::Error(::tflm_host::StatusCode::kInvalid,        \
                                        ::tflm_host::Format(__VA_ARGS__));        \
  } while (0)

#define TFH_RETURN_IF_ERROR(expr)           \
  do {                                      \
    ::tflm_host::Status status_ = (expr);   \
    if (!status_.ok()) return status_;      \
  } while (0)
