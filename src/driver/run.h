// One run of aalint over the paths a user named: find the policy files, elaborate each, run the
// checks the mode asks for, and collect every diagnostic.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "frontend/elaborate.h"
#include "frontend/file_cache.h"
#include "frontend/source_loader.h"
#include "support/diagnostic.h"

namespace aalint {

enum class RunMode {
  Lint,   // everything aalint knows to report
  Check,  // only what apparmor_parser would reject
};

struct LintSelection {
  std::set<std::string> enabled;   // rules run in lint mode (by default: those enabled by default)
  std::map<std::string, Severity> severities;  // overrides
  bool showIncluded = false;       // findings that lie wholly in included files
};

struct RunOptions {
  RunMode mode = RunMode::Lint;
  LintSelection lint;
  ElaborationOptions elaboration;
  LoadLimits limits;
};

struct RunResult {
  std::size_t filesChecked = 0;
  bool inputError = false;  // a named path was missing or unreadable: exit status 2
  // The files read; diagnostics point into them, so it lives as long as they are used.
  std::unique_ptr<FileCache> files;
};

// The lint rules enabled by default.
LintSelection defaultLintSelection();

// `paths`: files, directories (their policy files, not recursively) and "-" for standard input.
RunResult run(const std::vector<std::string>& paths, const RunOptions& options, DiagnosticSink& sink);

}  // namespace aalint
