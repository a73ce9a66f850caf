// The value of "set rlimit RESOURCE <= VALUE": a number with a unit the resource allows, as
// apparmor_parser reads it and as the kernel stores it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace aalint::ir {

struct RlimitValue {
  std::optional<std::uint64_t> stored;  // what the kernel stores; nullopt when `problem` is set
  std::string problem;                  // why apparmor_parser rejects the value
};

// `resource` as written ("ofile" is "nofile"); `text` the value with its unit, if any.
RlimitValue parseRlimitValue(const std::string& resource, const std::string& text);

}  // namespace aalint::ir
