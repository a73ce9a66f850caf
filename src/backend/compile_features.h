// The kernel features a compile targets (binary-policy.md §2.3): they choose the ABI and which rule
// classes the kernel mediates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace aalint::backend {

struct CompileFeatures {
  std::uint32_t abi = 7;  // kernel ABI of the version word: 7, 6 or 5
  bool mount = true, ptrace = true, signal = true, networkV8 = true, dbus = false, afUnix = false;
};

// The features of a features file or directory (libapparmor's aa_features_new); nullopt with a
// message when it cannot be read.
std::optional<CompileFeatures> readFeatures(const std::string& path, std::string& error);

}  // namespace aalint::backend
