// GitHub Actions workflow commands: one "::warning file=...,line=...::message" line per finding, so
// that findings show up as annotations on the pull request.
#pragma once

#include "output/formatter.h"

namespace aalint {

class GithubFormatter : public Formatter {
public:
  void write(const std::vector<Diagnostic>& diagnostics, const Summary& summary, std::ostream& out) override;
};

}  // namespace aalint
