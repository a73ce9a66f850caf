// Output formats. A new format is one more Formatter, chosen by name in makeFormatter().
#pragma once

#include <functional>
#include <memory>
#include <optional>
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

// What a code means, for formats that carry rule documentation (SARIF).
struct CodeDescription {
  std::string summary;
  std::string help;
  std::string category;  // "security", "hygiene", "error"
};

struct FormatOptions {
  bool color = false;
  std::function<std::optional<CodeDescription>(const std::string& code)> describe;
};

// "text", "json", "sarif" or "github"; nullptr for an unknown name.
std::unique_ptr<Formatter> makeFormatter(const std::string& name, const FormatOptions& options);
const std::vector<std::string>& formatNames();

}  // namespace aalint
