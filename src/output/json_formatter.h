// JSON for editors and scripts: {"version": 1, "diagnostics": [...], "summary": {...}}.
#pragma once

#include "output/formatter.h"

namespace aalint {

class JsonFormatter : public Formatter {
public:
  void write(const std::vector<Diagnostic>& diagnostics, const Summary& summary, std::ostream& out) override;
};

}  // namespace aalint
