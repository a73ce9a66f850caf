#include "output/json_formatter.h"

#include <nlohmann/json.hpp>

#include "support/source_file.h"

namespace aalint {

void JsonFormatter::write(const std::vector<Diagnostic>& diagnostics, const Summary& summary, std::ostream& out) {
  nlohmann::json list = nlohmann::json::array();
  for (const Diagnostic& d : diagnostics) {
    nlohmann::json chain = nlohmann::json::array();
    for (const IncludeSite& site : d.includeChain) chain.push_back({{"file", site.file->path()}, {"line", site.line}});
    nlohmann::json entry = {
        {"file", d.fileName()},
        {"line", d.range.line ? nlohmann::json(d.range.line) : nlohmann::json(nullptr)},
        {"column", d.range.line ? nlohmann::json(d.range.column) : nlohmann::json(nullptr)},
        {"end_line", d.range.endLine ? nlohmann::json(d.range.endLine) : nlohmann::json(nullptr)},
        {"end_column", d.range.endLine ? nlohmann::json(d.range.endColumn) : nlohmann::json(nullptr)},
        {"severity", severityName(d.severity)},
        {"code", d.code},
        {"message", d.message},
        {"profile", d.profile.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.profile)},
        {"include_chain", chain},
    };
    list.push_back(std::move(entry));
  }
  nlohmann::json document = {
      {"version", 1},
      {"diagnostics", list},
      {"summary",
       {{"files", summary.files}, {"errors", summary.errors}, {"warnings", summary.warnings}, {"infos", summary.infos}}},
  };
  // Invalid UTF-8 cannot reach here (files are validated on load), but replace rather than throw.
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace aalint
