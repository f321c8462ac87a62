// Options: an operator's builtin options by their schema field names (enums and bools as
// integers), as the Python loader decoded them. Read once in Prepare, never in Eval.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tflm_host {

class Options {
 public:
  void set_int(const std::string& name, int64_t v) { ints_[name] = v; }
  void set_float(const std::string& name, double v) { floats_[name] = v; }
  void set_ints(const std::string& name, std::vector<int64_t> v) { int_lists_[name] = std::move(v); }
  void set_string(const std::string& name, std::string v) { strings_[name] = std::move(v); }

  bool has(const std::string& name) const {
    return ints_.count(name) != 0 || floats_.count(name) != 0 || int_lists_.count(name) != 0;
  }
  int64_t get_int(const std::string& name, int64_t fallback = 0) const {
    auto it = ints_.find(name);
    return it == ints_.end() ? fallback : it->second;
  }
  double get_float(const std::string& name, double fallback = 0.0) const {
    auto it = floats_.find(name);
    if (it != floats_.end()) return it->second;
    auto i = ints_.find(name);
    return i == ints_.end() ? fallback : static_cast<double>(i->second);
  }
  const std::vector<int64_t>* get_ints(const std::string& name) const {
    auto it = int_lists_.find(name);
    return it == int_lists_.end() ? nullptr : &it->second;
  }
  // nullptr when the model leaves the string out (distinct from an empty string).
  const std::string* get_string(const std::string& name) const {
    auto it = strings_.find(name);
    return it == strings_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, int64_t> ints_;
  std::map<std::string, double> floats_;
  std::map<std::string, std::vector<int64_t>> int_lists_;
  std::map<std::string, std::string> strings_;
};

// The schema's ActivationFunctionType values.
enum class Activation : int { kNone = 0, kRelu = 1, kReluN1To1 = 2, kRelu6 = 3, kTanh = 4,
                              kSignBit = 5 };
// The schema's Padding values.
enum class Padding : int { kSame = 0, kValid = 1 };

}  // namespace tflm_host
