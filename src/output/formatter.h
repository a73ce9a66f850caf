// Output formats. A new format is one more Formatter, chosen by name in makeFormatter().
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "support/diagnostic.h"

namespace aalint {

struct Summary {
  std::size_t files = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t infos = 0;
};
Summary summarize(const std::vector<Diagnostic>& diagnostics, std::size_t files);

class Formatter {
public:
  virtual ~Formatter() = default;
  virtual void write(const std::vector<Diagnostic>& diagnostics, const Summary& summary, std::ostream& out) = 0;
};

struct FormatOptions {
  bool color = false;
};

// "text" or "json"; nullptr for an unknown name.
std::unique_ptr<Formatter> makeFormatter(const std::string& name, const FormatOptions& options);
const std::vector<std::string>& formatNames();

}  // namespace aalint
