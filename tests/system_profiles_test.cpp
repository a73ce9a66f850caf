// Every profile Debian ships is accepted by apparmor_parser, so aalint must accept it too: any
// error here is a bug in aalint. Needs the apparmor, apparmor-profiles and apparmor-profiles-extra
// packages (scripts/install-deps installs them).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "driver/run.h"
#include "frontend/search_path.h"

using namespace aalint;

namespace {

std::string errorsIn(const std::string& dir, std::size_t minimumFiles) {
  REQUIRE_MESSAGE(policyFilesIn(dir).size() >= minimumFiles, dir << " is missing: run scripts/install-deps");
  RunOptions options;
  options.mode = RunMode::Check;
  DiagnosticSink sink;
  RunResult result = run({dir}, options, sink);
  CHECK(result.filesChecked >= minimumFiles);
  std::string errors;
  for (const Diagnostic& d : sink.diagnostics())
    if (d.severity == Severity::Error)
      errors += d.fileName() + ":" + std::to_string(d.range.line) + ":" + std::to_string(d.range.column) + ": " +
                d.message + " [" + d.code + "]\n";
  return errors;
}

}  // namespace

TEST_CASE("aalint check accepts every profile in Debian's /etc/apparmor.d") {
  CHECK(errorsIn("/etc/apparmor.d", 20) == "");
}

TEST_CASE("aalint check accepts apparmor-profiles-extra") {
  CHECK(errorsIn("/usr/share/apparmor/extra-profiles", 100) == "");
}

TEST_CASE("the path analysis finds the same in the main files whether or not it leaves out included rules") {
  // By default the automaton holds only included rules that may meet a rule of the main file (by
  // literal prefix); with --show-included it holds them all. What the main files are told must not
  // differ.
  std::size_t included = 0;  // findings in included files, shown only with --show-included
  auto findings = [&](bool showIncluded) {
    RunOptions options;
    options.lint.enabled = {"redundant-rule", "shadowed-allow", "write-exec", "broad-path", "sensitive-read",
                            "sensitive-write", "missing-owner", "silent-deny"};
    options.overrides.showIncluded = showIncluded;
    options.useConfig = false;
    DiagnosticSink sink;
    RunResult result = run({"/etc/apparmor.d", "/usr/share/apparmor/extra-profiles"}, options, sink);
    std::set<std::string> mainFiles;
    for (const auto& policy : result.policies) mainFiles.insert(policy->mainFile->path());
    std::multiset<std::string> out;
    for (const Diagnostic& d : sink.diagnostics()) {
      if (!d.lint) continue;
      if (mainFiles.count(d.fileName()))
        out.insert(d.fileName() + ":" + std::to_string(d.range.line) + ": " + d.message + " [" + d.code + "]");
      else
        ++included;
    }
    return out;
  };
  std::multiset<std::string> near = findings(false), all = findings(true);
  CHECK(near.size() > 300);
  CHECK(included > 300);
  CHECK(near == all);
}
