// One run of aalint over the paths a user named: find the policy files, elaborate each, run the
// checks the mode asks for, and collect every diagnostic.
#pragma once

#include <memory>
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

struct RunOptions {
  RunMode mode = RunMode::Lint;
  ElaborationOptions elaboration;
  LoadLimits limits;
};

struct RunResult {
  std::size_t filesChecked = 0;
  bool inputError = false;  // a named path was missing or unreadable: exit status 2
  // The files read; diagnostics point into them, so it lives as long as they are used.
  std::unique_ptr<FileCache> files;
};

// `paths`: files, directories (their policy files, not recursively) and "-" for standard input.
RunResult run(const std::vector<std::string>& paths, const RunOptions& options, DiagnosticSink& sink);

}  // namespace aalint
