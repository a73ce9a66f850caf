#include "output/sarif_formatter.h"

#include <map>

#include <nlohmann/json.hpp>

#include "support/source_file.h"

namespace aalint {

static const char* sarifLevel(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "warning";
}

static nlohmann::json location(const std::string& file, std::uint32_t line, std::uint32_t column,
                               std::uint32_t endLine, std::uint32_t endColumn) {
  nlohmann::json physical = {{"artifactLocation", {{"uri", file}}}};
  if (line) {
    // SARIF columns are 1-based with an exclusive end; aalint's end is inclusive.
    physical["region"] = {{"startLine", line}, {"startColumn", column}, {"endLine", endLine ? endLine : line},
                          {"endColumn", (endColumn ? endColumn : column) + 1}};
  }
  return {{"physicalLocation", physical}};
}

void SarifFormatter::write(const std::vector<Diagnostic>& diagnostics, const Summary&, std::ostream& out) {
  nlohmann::json rules = nlohmann::json::array();
  std::map<std::string, std::size_t> ruleIndex;
  nlohmann::json results = nlohmann::json::array();
  for (const Diagnostic& d : diagnostics) {
    if (!ruleIndex.count(d.code)) {
      ruleIndex[d.code] = rules.size();
      nlohmann::json rule = {{"id", d.code}};
      if (auto description = describe_ ? describe_(d.code) : std::nullopt) {
        rule["shortDescription"] = {{"text", description->summary}};
        rule["help"] = {{"text", description->help}};
        rule["properties"] = {{"tags", nlohmann::json::array({description->category})}};
      }
      rule["defaultConfiguration"] = {{"level", sarifLevel(d.severity)}};
      rules.push_back(std::move(rule));
    }
    nlohmann::json result = {
        {"ruleId", d.code},
        {"ruleIndex", ruleIndex[d.code]},
        {"level", sarifLevel(d.severity)},
        {"message", {{"text", d.message}}},
        {"locations", nlohmann::json::array({location(d.fileName(), d.range.line, d.range.column, d.range.endLine,
                                                      d.range.endColumn)})},
    };
    if (!d.includeChain.empty()) {
      nlohmann::json related = nlohmann::json::array();
      for (std::size_t i = 0; i < d.includeChain.size(); ++i) {
        nlohmann::json r = location(d.includeChain[i].file->path(), d.includeChain[i].line, 1, 0, 0);
        r["id"] = i;
        r["message"] = {{"text", "included from here"}};
        related.push_back(std::move(r));
      }
      result["relatedLocations"] = std::move(related);
    }
    if (!d.profile.empty()) result["properties"] = {{"profile", d.profile}};
    results.push_back(std::move(result));
  }
  nlohmann::json document = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", nlohmann::json::array({{
                   {"tool", {{"driver", {{"name", "aalint"}, {"version", AALINT_VERSION}, {"rules", rules}}}}},
                   {"results", results},
               }})},
  };
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace aalint
