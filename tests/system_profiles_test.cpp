// Every profile Debian ships is accepted by apparmor_parser, so aalint must accept it too: any
// error here is a bug in aalint. Needs the apparmor, apparmor-profiles and apparmor-profiles-extra
// packages (scripts/install-deps installs them).
#include <doctest/doctest.h>

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
