// Node: one operator of the graph with its tensors, decoded options, the kernel chosen for it
// and what Prepare left behind (op data, scratch requests).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/options.h"

namespace tflm_host {

struct KernelDef;

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

  const KernelDef* kernel = nullptr;
  std::unique_ptr<OpData> data;
  std::vector<size_t> scratch_sizes;   // requested in Prepare
  std::vector<uint8_t*> scratch;       // arena pointers, set when the plan is committed
  std::vector<size_t> persistent_sizes;  // state kept across invokes, requested in Prepare
  std::vector<uint8_t*> persistent;      // in the arena's persistent area, after the head
};

}  // namespace tflm_host
