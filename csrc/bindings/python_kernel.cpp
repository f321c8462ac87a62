#include "bindings/python_kernel.h"

#include <cstring>
#include <string>
#include <utility>

#include "core/op_context.h"

namespace py = pybind11;

namespace tflm_host {
namespace {

// Owned by a Runtime that Python owns, so it is destroyed (and drops its reference to the
// function) with the GIL held.
class PythonKernel : public ExternalKernel {
 public:
  explicit PythonKernel(py::function fn) : fn_(std::move(fn)) {}

  Status Eval(OpContext& context) override {
    py::gil_scoped_acquire gil;
    try {
      return Call(context);
    } catch (py::error_already_set& e) {
      e.restore();
      return Status::Error(StatusCode::kRuntime, "the Python custom op raised an exception");
    }
  }

 private:
  Status Call(OpContext& context) {
    static uint8_t empty = 0;
    py::list inputs;
    for (int i = 0; i < context.num_inputs(); ++i) {
      const Tensor* input = context.input(i);
      if (input == nullptr) {
        inputs.append(py::none());
        continue;
      }
      uint8_t* data = input->data != nullptr ? input->data : &empty;
      inputs.append(py::memoryview::from_memory(data, static_cast<py::ssize_t>(input->bytes),
                                                /*readonly=*/true));
    }
    py::object result = fn_(inputs);
    py::sequence outputs = py::reinterpret_borrow<py::sequence>(result);
    if (static_cast<int>(outputs.size()) != context.num_outputs())
      return Status::Error(StatusCode::kRuntime,
                           Format("returned %zu outputs, the node has %d", outputs.size(),
                                  context.num_outputs()));
    for (int k = 0; k < context.num_outputs(); ++k) {
      py::buffer buffer = py::reinterpret_borrow<py::buffer>(outputs[k]);
      py::buffer_info info = buffer.request();
      Tensor& output = *context.output(k);
      const size_t bytes = static_cast<size_t>(info.size * info.itemsize);
      if (bytes != output.bytes)
        return Status::Error(StatusCode::kRuntime,
                             Format("output %d has %zu bytes, the tensor %zu", k, bytes,
                                    output.bytes));
      if (bytes != 0) std::memcpy(output.data, info.ptr, bytes);
    }
    return Status::Ok();
  }

  py::function fn_;
};

}  // namespace

std::shared_ptr<ExternalKernel> MakePythonKernel(py::function fn) {
  return std::make_shared<PythonKernel>(std::move(fn));
}

void ThrowPendingPythonError() {
  if (PyErr_Occurred()) throw py::error_already_set();
}

}  // namespace tflm_host
