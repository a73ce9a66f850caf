#include "output/formatter.h"

#include "output/github_formatter.h"
#include "output/json_formatter.h"
#include "output/sarif_formatter.h"
#include "output/text_formatter.h"

namespace aalint {

Summary summarize(const std::vector<Diagnostic>& diagnostics, std::size_t files) {
  Summary summary;
  summary.files = files;
  for (const Diagnostic& d : diagnostics) {
    switch (d.severity) {
      case Severity::Error: ++summary.errors; break;
      case Severity::Warning: ++summary.warnings; break;
      case Severity::Info: ++summary.infos; break;
    }
  }
  return summary;
}

const std::vector<std::string>& formatNames() {
  static const std::vector<std::string> names = {"text", "json", "sarif", "github"};
  return names;
}

std::unique_ptr<Formatter> makeFormatter(const std::string& name, const FormatOptions& options) {
  if (name == "text") return std::make_unique<TextFormatter>(options.color);
  if (name == "json") return std::make_unique<JsonFormatter>();
  if (name == "sarif") return std::make_unique<SarifFormatter>(options.describe);
  if (name == "github") return std::make_unique<GithubFormatter>();
  return nullptr;
}

}  // namespace aalint
