#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "bindings/python_kernel.h"
#include "bindings/status.h"
#include "runtime/runtime.h"

namespace py = pybind11;

namespace tflm_host {
namespace {

// Runtime plus references to the Python buffers its constant tensors point into.
struct PyRuntime {
  explicit PyRuntime(const std::string& variant) : runtime(variant) {}
  Runtime runtime;
  std::vector<py::object> keep_alive;
};

int AddTensor(PyRuntime& self, int type, std::vector<int32_t> dims, size_t nbytes,
              py::object data, bool is_variable, std::vector<float> scales,
              std::vector<int32_t> zero_points, int32_t quantized_dimension) {
  Tensor tensor;
  tensor.type = static_cast<DType>(type);
  tensor.dims = std::move(dims);
  tensor.bytes = nbytes;
  tensor.is_variable = is_variable;
  tensor.scales = std::move(scales);
  tensor.zero_points = std::move(zero_points);
  tensor.quantized_dimension = quantized_dimension;
  if (!data.is_none()) {
    py::buffer_info info = py::buffer(data).request();
    if (static_cast<size_t>(info.size * info.itemsize) != nbytes)
      throw py::value_error("constant buffer size does not match the tensor's byte size");
    tensor.data = static_cast<uint8_t*>(info.ptr);
    tensor.is_constant = true;
    self.keep_alive.push_back(data);
  }
  return self.runtime.AddTensor(std::move(tensor));
}

int AddNode(PyRuntime& self, const std::string& op, int builtin_code, std::vector<int> inputs,
            std::vector<int> outputs, std::vector<int> intermediates,
            const std::map<std::string, int64_t>& ints,
            const std::map<std::string, double>& floats,
            const std::map<std::string, std::vector<int64_t>>& int_lists,
            const py::bytes& custom_options) {
  const int count = static_cast<int>(self.runtime.tensors().size());
  for (const auto* list : {&inputs, &outputs, &intermediates})
    for (int t : *list)
      if (t < -1 || t >= count) throw py::index_error("node tensor index out of range");
  Node node;
  node.op = op;
  node.builtin_code = builtin_code;
  node.inputs = std::move(inputs);
  node.outputs = std::move(outputs);
  node.intermediates = std::move(intermediates);
  for (const auto& [name, value] : ints) node.options.set_int(name, value);
  for (const auto& [name, value] : floats) node.options.set_float(name, value);
  for (const auto& [name, value] : int_lists) node.options.set_ints(name, value);
  const std::string custom = custom_options;
  node.custom_options.assign(custom.begin(), custom.end());
  return self.runtime.AddNode(std::move(node));
}

py::memoryview TensorBuffer(PyRuntime& self, int index) {
  auto& tensors = self.runtime.tensors();
  if (index < 0 || index >= static_cast<int>(tensors.size()))
    throw py::index_error("tensor index out of range");
  Tensor& tensor = tensors[index];
  if (tensor.data == nullptr && tensor.bytes != 0)
    throw std::runtime_error("tensor has no memory yet (allocate first)");
  static uint8_t empty = 0;
  uint8_t* data = tensor.data != nullptr ? tensor.data : &empty;
  return py::memoryview::from_memory(data, static_cast<py::ssize_t>(tensor.bytes),
                                     tensor.is_constant);
}

std::vector<std::tuple<int, int, size_t, size_t, int, int>> Plan(const PyRuntime& self) {
  std::vector<std::tuple<int, int, size_t, size_t, int, int>> out;
  for (const PlannedBuffer& b : self.runtime.plan())
    out.emplace_back(b.tensor, b.node, b.offset, b.size, b.first_used, b.last_used);
  return out;
}

// Inputs and outputs are C-contiguous buffers holding `count` samples each; Python checks
// their shapes and dtypes, this re-checks the byte sizes before trusting the pointers.
void InvokeBatch(PyRuntime& self, const std::vector<py::buffer>& inputs,
                 const std::vector<py::buffer>& outputs, size_t count) {
  Runtime& rt = self.runtime;
  if (inputs.size() != rt.inputs().size() || outputs.size() != rt.outputs().size())
    throw py::value_error("invoke_batch needs one array per model input and output");
  std::vector<const uint8_t*> in_ptrs;
  std::vector<uint8_t*> out_ptrs;
  auto check = [&](const py::buffer& buffer, int tensor, bool writable) {
    py::buffer_info info = buffer.request(writable);
    const size_t expected = rt.tensors()[tensor].bytes * count;
    if (static_cast<size_t>(info.size * info.itemsize) != expected)
      throw py::value_error("invoke_batch buffer has the wrong byte size");
    return static_cast<uint8_t*>(info.ptr);
  };
  for (size_t k = 0; k < inputs.size(); ++k) in_ptrs.push_back(check(inputs[k], rt.inputs()[k], false));
  for (size_t k = 0; k < outputs.size(); ++k)
    out_ptrs.push_back(check(outputs[k], rt.outputs()[k], true));
  Status status;
  {
    py::gil_scoped_release release;
    status = rt.InvokeBatch(in_ptrs, out_ptrs, count);
  }
  if (!status.ok()) ThrowPendingPythonError();
  ThrowIfError(status);
}

void SetPythonKernel(PyRuntime& self, int node, py::function fn) {
  auto& nodes = self.runtime.nodes();
  if (node < 0 || node >= static_cast<int>(nodes.size())) throw py::index_error("no such node");
  self.runtime.SetExternalKernel(node, MakePythonKernel(std::move(fn)));
}

py::bytes Captured(const PyRuntime& self, size_t node, size_t k) {
  const auto& nodes = self.runtime.nodes();
  if (!self.runtime.capturing()) throw std::runtime_error("capture is off");
  if (node >= nodes.size() || k >= nodes[node].outputs.size())
    throw py::index_error("no such node output");
  const std::vector<uint8_t>& bytes = self.runtime.captured(node, k);
  return py::bytes(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

}  // namespace

void RegisterRuntime(py::module_& m) {
  py::class_<PyRuntime>(m, "Runtime")
      .def(py::init<const std::string&>(), py::arg("variant"))
      .def("add_tensor", &AddTensor)
      .def("add_node", &AddNode)
      .def("set_io", [](PyRuntime& self, std::vector<int> in, std::vector<int> out) {
        self.runtime.SetIO(std::move(in), std::move(out));
      })
      .def("begin_subgraph", [](PyRuntime& self) { return self.runtime.BeginSubgraph(); },
           "Starts the next subgraph: later add_node calls belong to it.")
      .def("set_subgraph_io", [](PyRuntime& self, int subgraph, std::vector<int> in,
                                 std::vector<int> out) {
        if (subgraph < 0 || subgraph >= self.runtime.num_subgraphs())
          throw py::index_error("no such subgraph");
        const int count = static_cast<int>(self.runtime.tensors().size());
        for (const auto* list : {&in, &out})
          for (int t : *list)
            if (t < 0 || t >= count) throw py::index_error("subgraph I/O tensor out of range");
        self.runtime.SetSubgraphIO(subgraph, std::move(in), std::move(out));
      })
      .def("set_string_options", [](PyRuntime& self, int node,
                                    const std::map<std::string, std::string>& strings) {
        if (node < 0 || node >= static_cast<int>(self.runtime.nodes().size()))
          throw py::index_error("no such node");
        for (const auto& [name, value] : strings) self.runtime.SetStringOption(node, name, value);
      })
      .def("set_python_kernel", &SetPythonKernel,
           "Runs node `node` by calling fn(inputs) -> outputs (a Python custom op).")
      .def("set_offline_offsets", [](PyRuntime& self, std::vector<int64_t> offsets) {
        self.runtime.SetOfflineOffsets(std::move(offsets));
      })
      .def("set_num_threads", [](PyRuntime& self, int n) { self.runtime.SetNumThreads(n); })
      .def_property_readonly("num_threads", [](const PyRuntime& s) { return s.runtime.num_threads(); })
      .def("prepare", [](PyRuntime& self) { ThrowIfError(self.runtime.Prepare()); })
      .def("required_arena_bytes", [](const PyRuntime& self) {
        return self.runtime.RequiredArenaBytes();
      })
      .def("allocate", [](PyRuntime& self, size_t size) {
        ThrowIfError(self.runtime.Allocate(size));
      })
      .def("invoke", [](PyRuntime& self) {
        Status status;
        {
          py::gil_scoped_release release;
          status = self.runtime.Invoke();
        }
        if (!status.ok()) ThrowPendingPythonError();
        ThrowIfError(status);
      })
      .def("invoke_batch", &InvokeBatch)
      .def("set_profiling", [](PyRuntime& self, bool on) { self.runtime.SetProfiling(on); })
      .def("node_nanoseconds", [](const PyRuntime& self) { return self.runtime.node_nanoseconds(); })
      .def("set_capture", [](PyRuntime& self, bool on) { self.runtime.SetCapture(on); })
      .def("captured", &Captured, "Bytes of node `node`'s output `k` from the last invoke.")
      .def("reset", [](PyRuntime& self) { self.runtime.Reset(); })
      .def("tensor_buffer", &TensorBuffer)
      .def("plan", &Plan, "Planned buffers: (tensor, node, offset, size, first, last).")
      .def_property_readonly("head_bytes", [](const PyRuntime& s) { return s.runtime.head_bytes(); })
      .def_property_readonly("persistent_bytes",
                             [](const PyRuntime& s) { return s.runtime.persistent_bytes(); })
      .def_property_readonly("persistent_parts",
                             [](const PyRuntime& s) {
                               const Runtime::PersistentParts& parts = s.runtime.persistent_parts();
                               py::dict out;
                               out["variable_tensors"] = parts.variable_tensors;
                               out["kernel_state"] = parts.kernel_state;
                               out["resource_variables"] = parts.resource_variables;
                               return out;
                             })
      .def_property_readonly("arena_size", [](const PyRuntime& s) { return s.runtime.arena_size(); });
}

}  // namespace tflm_host
