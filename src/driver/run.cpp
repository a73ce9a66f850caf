#include "driver/run.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "checks/check.h"
#include "frontend/file_cache.h"
#include "frontend/search_path.h"
#include "lint_rule.h"

namespace aalint {

namespace {

void inputError(DiagnosticSink& sink, const std::string& path, std::string message, RunResult& result) {
  Diagnostic d;
  d.severity = Severity::Error;
  d.code = "input-error";
  d.message = std::move(message);
  d.pathOnly = path;
  sink.report(std::move(d));
  result.inputError = true;
}

// The policy files a command-line path stands for.
std::vector<std::string> expandPath(const std::string& path, DiagnosticSink& sink, RunResult& result) {
  if (path == "-") return {path};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    inputError(sink, path, fmt::format("cannot open: {}", std::strerror(errno)), result);
    return {};
  }
  if (S_ISDIR(st.st_mode)) {
    auto files = policyFilesIn(path);
    if (files.empty()) inputError(sink, path, "directory holds no policy files", result);
    return files;
  }
  return {path};
}

std::unique_ptr<ir::Policy> checkFile(const std::string& path, FileCache& cache, const RunOptions& options,
                                      DiagnosticSink& sink, RunResult& result) {
  const ParsedFile& parsed = path == "-" ? cache.standardInput(sink) : cache.get(path, sink, {});
  if (parsed.failure) {
    if (parsed.failure->line) {
      // The file was read but is not text: point at the first bad byte.
      Diagnostic d;
      d.severity = Severity::Error;
      d.code = "not-text";
      d.message = parsed.failure->message;
      d.pathOnly = path;
      d.range.line = parsed.failure->line;
      d.range.column = parsed.failure->column;
      d.range.endLine = d.range.line;
      d.range.endColumn = d.range.column;
      sink.report(std::move(d));
    } else {
      inputError(sink, path, fmt::format("cannot read: {}", parsed.failure->message), result);
    }
    return nullptr;
  }
  ++result.filesChecked;
  auto policy = elaborate(parsed, cache, options.elaboration, sink);
  checks::runChecks(*policy, sink);
  return policy;
}

void lintPolicies(const std::vector<std::unique_ptr<ir::Policy>>& policies, const RunOptions& options,
                  DiagnosticSink& sink) {
  std::vector<const ir::Policy*> all;
  for (const auto& policy : policies) all.push_back(policy.get());
  lint::RunIndex index = lint::buildRunIndex(all);
  std::vector<std::unique_ptr<lint::LintRule>> rules;
  for (auto& rule : lint::allLintRules())
    if (options.lint.enabled.count(rule->info().id)) rules.push_back(std::move(rule));
  for (const auto& policy : policies) {
    DiagnosticSink findings;
    lint::LintContext context(findings, *policy, index);
    for (auto& rule : rules) rule->check(context);
    for (const Diagnostic& d : findings.diagnostics()) {
      // Findings wholly inside included files (the system's abstractions) are not the user's to fix.
      if (!options.lint.showIncluded && d.range.file != policy->mainFile) continue;
      Diagnostic shown = d;
      auto severity = options.lint.severities.find(d.code);
      if (severity != options.lint.severities.end()) shown.severity = severity->second;
      sink.report(std::move(shown));
    }
  }
}

}  // namespace

LintSelection defaultLintSelection() {
  LintSelection selection;
  for (const auto& rule : lint::allLintRules())
    if (rule->info().enabledByDefault) selection.enabled.insert(rule->info().id);
  return selection;
}

RunResult run(const std::vector<std::string>& paths, const RunOptions& options, DiagnosticSink& sink) {
  RunResult result;
  result.files = std::make_unique<FileCache>(options.limits);
  FileCache& cache = *result.files;
  std::vector<std::unique_ptr<ir::Policy>> policies;
  for (const std::string& path : paths)
    for (const std::string& file : expandPath(path, sink, result))
      if (auto policy = checkFile(file, cache, options, sink, result)) policies.push_back(std::move(policy));
  if (options.mode == RunMode::Lint) lintPolicies(policies, options, sink);
  return result;
}

}  // namespace aalint
