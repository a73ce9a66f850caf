#include "driver/run.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "checks/check.h"
#include "frontend/file_cache.h"
#include "frontend/include_prefetch.h"
#include "driver/config.h"
#include "driver/suppressions.h"
#include "frontend/search_path.h"
#include "lint_rule.h"
#include "support/parallel.h"

namespace aalint {

namespace {

void inputError(DiagnosticSink& sink, const std::string& path, std::string message) {
  Diagnostic d;
  d.severity = Severity::Error;
  d.code = "input-error";
  d.message = std::move(message);
  d.pathOnly = path;
  sink.report(std::move(d));
}

// The policy files a command-line path stands for.
std::vector<std::string> expandPath(const std::string& path, DiagnosticSink& sink, RunResult& result) {
  if (path == "-") return {path};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    inputError(sink, path, fmt::format("cannot open: {}", std::strerror(errno)));
    result.inputError = true;
    return {};
  }
  if (S_ISDIR(st.st_mode)) {
    auto files = policyFilesIn(path);
    if (files.empty()) {
      inputError(sink, path, "directory holds no policy files");
      result.inputError = true;
    }
    return files;
  }
  return {path};
}

struct LintedFile {
  std::unique_ptr<ir::Policy> policy;
  const Config* config;  // nullptr: no .aalint.toml
  // Shared by the checks and the lint rules of the file.
  std::unique_ptr<engine::AutomatonBudget> budget;
};

struct FileVerdict {
  LintedFile linted;  // no policy when the file could not be read
  bool read = false;
  bool inputError = false;
};

FileVerdict checkFile(const std::string& path, const Config* config, FileCache& cache, const RunOptions& options,
                      const ElaborationOptions& elaboration, DiagnosticSink& sink) {
  FileVerdict verdict;
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
      inputError(sink, path, fmt::format("cannot read: {}", parsed.failure->message));
      verdict.inputError = true;
    }
    return verdict;
  }
  verdict.read = true;
  verdict.linted = {elaborate(parsed, cache, elaboration, sink), config,
                    std::make_unique<engine::AutomatonBudget>(options.maxAutomatonStates)};
  checks::runChecks(*verdict.linted.policy, sink, *verdict.linted.budget);
  return verdict;
}

struct CheckedFiles {
  std::size_t read = 0;
  bool inputError = false;
  std::vector<LintedFile> kept;  // the files whose policy the run keeps, in order
};

// Files are read, elaborated and checked on `options.jobs` threads. A run that hands each policy
// on (whenChecked) or drops it keeps nothing per file: a compile of 10,000 files would otherwise
// hold a verdict for each, and the threads' small blocks of them spread over their heaps.
CheckedFiles checkFiles(const std::vector<std::pair<std::string, const Config*>>& files, FileCache& cache,
                        const RunOptions& options, const ElaborationOptions& elaboration, DiagnosticSink& sink) {
  const bool keeps = !options.whenChecked && (options.keepPolicies || options.mode != RunMode::Check);
  std::vector<LintedFile> slots(keeps ? files.size() : 0);
  std::atomic<std::size_t> done{0}, read{0};
  std::atomic<bool> anyInputError{false};
  forEachIndex(files.size(), options.jobs, [&](std::size_t i) {
    DiagnosticSink own;  // this file's diagnostics, to tell whoever takes its policy whether it has errors
    const std::string& path = files[i].first;
    FileVerdict verdict = checkFile(path, files[i].second, cache, options, elaboration, own);
    read += verdict.read;
    if (verdict.inputError) anyInputError = true;
    std::unique_ptr<ir::Policy>& policy = verdict.linted.policy;
    if (options.whenChecked && policy) options.whenChecked(i, *policy, own.count(Severity::Error) == 0, own);
    if (keeps && policy) {
      slots[i] = std::move(verdict.linted);
    } else {
      verdict = FileVerdict();  // the policy points into its file: gone before the file is released
      if (!options.keepPolicies && own.diagnostics().empty() && path != "-") cache.release(path);
    }
    for (Diagnostic& d : own.take()) sink.report(std::move(d));
    if (options.progress) options.progress("checking", ++done, files.size());
  });
  CheckedFiles checked{read, anyInputError, {}};
  for (LintedFile& file : slots)
    if (file.policy) checked.kept.push_back(std::move(file));
  return checked;
}

LintSelection selectionFor(const RunOptions& options, const Config* config) {
  LintSelection selection = options.lint;
  auto apply = [&](const std::optional<std::set<std::string>>& select, const std::set<std::string>& enable,
                   const std::set<std::string>& disable) {
    if (select) selection.enabled = *select;
    selection.enabled.insert(enable.begin(), enable.end());
    for (const std::string& id : disable) selection.enabled.erase(id);
  };
  if (config) {
    apply(config->select, config->enable, config->disable);
    for (const auto& [id, severity] : config->severities) selection.severities[id] = severity;
    if (config->showIncluded) selection.showIncluded = *config->showIncluded;
  }
  apply(options.overrides.select, options.overrides.enable, options.overrides.disable);
  if (options.overrides.showIncluded) selection.showIncluded = *options.overrides.showIncluded;
  return selection;
}

void lintFile(const LintedFile& file, const RunOptions& options, const lint::RunIndex& index, FileCache& cache,
              DiagnosticSink& sink) {
  const ir::Policy& policy = *file.policy;
  LintSelection selection = selectionFor(options, file.config);
  DiagnosticSink findings;
  lint::LintContext context(findings, policy, index, *file.budget, !selection.showIncluded);
  for (auto& rule : lint::allLintRules())
    if (selection.enabled.count(rule->info().id)) rule->check(context);
  const ir::File* main = cache.irOf(policy.mainFile);
  std::vector<Suppression> suppressions = main ? suppressionsIn(*main) : std::vector<Suppression>{};
  for (const Diagnostic& d : findings.diagnostics()) {
    // Findings wholly inside included files (the system's abstractions) are not the user's to fix.
    if (!selection.showIncluded && d.range.file != policy.mainFile) continue;
    if (file.config && file.config->ignored(d.fileName(), d.code)) continue;
    bool suppressed = false;
    for (Suppression& s : suppressions)
      if (s.covers(d)) suppressed = s.used = true;
    if (suppressed) continue;
    Diagnostic shown = d;
    auto severity = selection.severities.find(d.code);
    if (severity != selection.severities.end()) shown.severity = severity->second;
    sink.report(std::move(shown));
  }
  for (const Suppression& s : suppressions) {
    if (s.used) continue;
    std::vector<std::string> idle;
    for (const std::string& id : s.ids)
      if (id != "*" && (!lint::findRule(id) || selection.enabled.count(id))) idle.push_back(id);
    if (idle.empty()) continue;
    std::string unknown;
    for (const std::string& id : idle)
      if (!lint::findRule(id)) unknown = id;
    Diagnostic d = makeDiagnostic(
        Severity::Info, "unused-suppression", s.range, {},
        unknown.empty() ? fmt::format("this suppression of {} suppresses nothing; remove it", fmt::join(idle, ", "))
                        : fmt::format("'{}' is not a lint rule; 'aalint rules' lists them", unknown));
    d.lint = true;
    sink.report(std::move(d));
  }
}

// Files are linted on `options.jobs` threads; each file's findings are independent of the others'.
void lintFiles(const std::vector<LintedFile>& files, const RunOptions& options, FileCache& cache, DiagnosticSink& sink) {
  std::vector<const ir::Policy*> all;
  for (const LintedFile& f : files) all.push_back(f.policy.get());
  const lint::RunIndex index = lint::buildRunIndex(all);
  // Files with the most rules first: a file of large profiles (hundreds of rules each, from the
  // abstractions they include) taken last would keep one thread busy long after the others are done.
  std::vector<std::size_t> ruleCount(files.size(), 0), order(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    order[i] = i;
    if (files[i].policy)
      ir::forEachProfile(*files[i].policy, [&](const ir::ProfileInstance& p) { ruleCount[i] += p.rules.size(); });
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return ruleCount[a] > ruleCount[b]; });
  std::atomic<std::size_t> done{0};
  forEachIndex(files.size(), options.jobs, [&](std::size_t k) {
    lintFile(files[order[k]], options, index, cache, sink);
    if (options.progress) options.progress("linting", ++done, files.size());
  });
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
  ConfigFinder finder;
  std::optional<Config> explicitConfig;
  std::vector<ConfigError> configErrors;
  if (options.configPath) {
    auto loaded = loadConfig(*options.configPath);
    if (auto* error = std::get_if<ConfigError>(&loaded)) configErrors.push_back(*error);
    else explicitConfig = std::get<Config>(std::move(loaded));
  }
  std::vector<std::pair<std::string, const Config*>> files;
  for (const std::string& path : paths)
    for (std::string& file : expandPath(path, sink, result)) {
      const Config* config = explicitConfig ? &*explicitConfig
                              : options.useConfig ? finder.forFile(file, configErrors)
                                                  : nullptr;
      if (files.empty() && config) result.configFailOn = config->failOn;
      files.emplace_back(std::move(file), config);
    }
  files.shrink_to_fit();  // held all run: 10,000 files are 400 KB
  if (options.jobs > 1)
    prefetchIncludes(
        files.size(), [&](std::size_t i) -> const std::string& { return files[i].first; }, cache,
        options.elaboration.searchPath, options.limits, options.jobs);
  // A lint run keeps every policy: their expanded paths, mostly the abstractions' rules expanded
  // alike in every profile, are kept once.
  ElaborationOptions elaboration = options.elaboration;
  if (options.mode == RunMode::Lint) {
    result.strings = std::make_unique<StringPool>();
    elaboration.strings = result.strings.get();
    result.expansions = std::make_unique<ExpansionMemo>();
    elaboration.expansions = result.expansions.get();
  }
  CheckedFiles checked = checkFiles(files, cache, options, elaboration, sink);
  result.filesChecked += checked.read;
  result.inputError |= checked.inputError;
  std::vector<LintedFile>& linted = checked.kept;
  for (const ConfigError& e : configErrors) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.code = "config-error";
    d.message = e.message;
    d.pathOnly = e.path;
    d.range.line = d.range.endLine = e.line;
    d.range.column = d.range.endColumn = e.column;
    sink.report(std::move(d));
    result.inputError = true;
  }
  if (options.mode == RunMode::Lint && configErrors.empty()) lintFiles(linted, options, cache, sink);
  for (LintedFile& file : linted) result.policies.push_back(std::move(file.policy));
  return result;
}

}  // namespace aalint
