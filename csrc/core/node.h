// Node: one operator of the graph with its tensors, decoded options, the kernel chosen for it
// and what Prepare left behind (op data, scratch requests).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/options.h"
#include "core/status.h"

namespace tflm_host {

struct KernelDef;
class OpContext;

// A kernel supplied at run time rather than registered (a Python custom op): Eval only.
struct ExternalKernel {
  virtual ~ExternalKernel() = default;
  virtual Status Eval(OpContext& context) = 0;
};

// Base of every kernel's prepared data; owned by the node, created in Prepare.
struct OpData {
  virtual ~OpData() = default;
};

struct Node {
  std::string op;                 // builtin name ("CONV_2D") or custom code
  int builtin_code = 0;
  std::vector<int> inputs;        // tensor indices, -1 for an omitted optional input
  std::vector<int> outputs;
  std::vector<int> intermediates;
  Options options;
  std::vector<uint8_t> custom_options;
  int subgraph = 0;               // the subgraph the node belongs to
  int index_in_subgraph = 0;      // its operator index there
  std::shared_ptr<ExternalKernel> external;  // set: runs this instead of a registered kernel

  const KernelDef* kernel = nullptr;
  std::unique_ptr<OpData> data;
  std::vector<size_t> scratch_sizes;   // requested in Prepare
  std::vector<uint8_t*> scratch;       // arena pointers, set when the plan is committed
  std::vector<int> called_subgraphs;   // subgraphs Eval may run, declared in Prepare
  std::vector<size_t> persistent_sizes;  // state kept across invokes, requested in Prepare
  std::vector<uint8_t*> persistent;      // in the arena's persistent area, after the head
};

}  // namespace tflm_host
