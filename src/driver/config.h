// .aalint.toml: which lint rules run, their severities, per-path ignores and the failure threshold.
// Found by walking up from each linted file, or given with --config.
//
//   fail-on = "warning"            # error | warning | info
//   show-included = false
//   [rules]
//   select = ["write-exec"]        # only these (optional)
//   enable = ["silent-deny"]
//   disable = ["missing-abi"]
//   [rules.severity]
//   unconfined-exec = "error"
//   [[ignore]]
//   paths = ["local/*"]            # globs, relative to the directory of the config file
//   rules = ["missing-abi"]        # or ["*"]
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "support/diagnostic.h"

namespace aalint {

struct Config {
  std::string path;       // the file it was read from
  std::string directory;  // ignores are relative to it
  std::optional<Severity> failOn;
  std::optional<bool> showIncluded;
  std::optional<std::set<std::string>> select;
  std::set<std::string> enable, disable;
  std::map<std::string, Severity> severities;
  struct Ignore {
    std::vector<std::string> paths;
    std::set<std::string> rules;  // "*": every rule
  };
  std::vector<Ignore> ignores;

  // Whether findings of `rule` in `file` are ignored by a [[ignore]] entry.
  bool ignored(const std::string& file, const std::string& rule) const;
};

struct ConfigError {
  std::string path;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string message;
};

// Reads a config file; an unknown key, rule id or severity is an error.
std::variant<Config, ConfigError> loadConfig(const std::string& path);

// Finds and caches the nearest .aalint.toml above each file.
class ConfigFinder {
public:
  // nullptr: no config file above `file`.
  const Config* forFile(const std::string& file, std::vector<ConfigError>& errors);

private:
  std::map<std::string, std::shared_ptr<const Config>> byDirectory_;
};

}  // namespace aalint
