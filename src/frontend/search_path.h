// Where include targets are found, and which files of a directory count as policy.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace aalint {

struct SearchPath {
  std::vector<std::string> includeDirs;  // -I, in order
  std::string baseDir = "/etc/apparmor.d";  // --base; searched after the -I directories

  // <name>: the first directory of the search path holding `name`, as stat(2) or `exists` tells.
  std::optional<std::string> findSearched(const std::string& name) const;
  std::optional<std::string> findSearched(const std::string& name,
                                          const std::function<bool(const std::string&)>& exists) const;
  std::vector<std::string> directories() const;
};

// Collapses "a//b" so that diagnostics name files as a user would write them.
std::string tidyPath(const std::string& path);

// Names apparmor_parser skips in a directory: dotfiles, editor backups and package-manager leftovers.
bool isIgnoredPolicyName(const std::string& name);

// The regular files directly in `dir` that are policy, sorted by name.
std::vector<std::string> policyFilesIn(const std::string& dir);

}  // namespace aalint
