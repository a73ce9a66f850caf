// Fuzz target (a): bytes → front end → semantic checks → every lint rule. Any crash, hang or
// sanitizer report is a bug; diagnostics are the expected outcome for most inputs.
#include <cstddef>
#include <cstdint>

#include "driver/run.h"
#include "fuzz_input_file.h"
#include "lint_rule.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aalint;
  RunOptions options;
  options.mode = RunMode::Lint;
  options.useConfig = false;
  for (const auto& rule : lint::allLintRules()) options.lint.enabled.insert(rule->info().id);
  options.elaboration.searchPath.includeDirs = {fuzz::includeDirectory()};
  DiagnosticSink sink;
  run({fuzz::writeInputFile(data, size)}, options, sink);
  return 0;
}
