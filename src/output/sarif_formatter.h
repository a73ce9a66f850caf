// SARIF 2.1.0, for code-scanning upload: one run, the rules that fired with their help, the results.
#pragma once

#include "output/formatter.h"

namespace aalint {

class SarifFormatter : public Formatter {
public:
  explicit SarifFormatter(std::function<std::optional<CodeDescription>(const std::string&)> describe)
      : describe_(std::move(describe)) {}
  void write(const std::vector<Diagnostic>& diagnostics, const Summary& summary, std::ostream& out) override;

private:
  std::function<std::optional<CodeDescription>(const std::string&)> describe_;
};

}  // namespace aalint
