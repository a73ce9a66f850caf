// One run of aalint over the paths a user named: find the policy files, elaborate each, run the
// checks the mode asks for, then the lint rules each file's configuration enables, and collect
// every diagnostic.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/automaton_budget.h"
#include "frontend/elaborate.h"
#include "frontend/file_cache.h"
#include "frontend/source_loader.h"
#include "support/diagnostic.h"

namespace aalint {

enum class RunMode {
  Lint,   // everything aalint knows to report
  Check,  // only what apparmor_parser would reject
};

// Which lint rules run and how their findings are shown.
struct LintSelection {
  std::set<std::string> enabled;
  std::map<std::string, Severity> severities;  // overrides of the rules' default severities
  bool showIncluded = false;                   // findings that lie wholly in included files
};

// What the command line says about lint rules; applied over each file's .aalint.toml.
struct LintOverrides {
  std::optional<std::set<std::string>> select;
  std::set<std::string> enable, disable;
  std::optional<bool> showIncluded;
};

struct RunOptions {
  RunMode mode = RunMode::Lint;
  LintSelection lint;  // the starting point: the rules enabled by default
  LintOverrides overrides;
  bool useConfig = true;                  // look for .aalint.toml above each file
  std::optional<std::string> configPath;  // --config: this file for every input
  ElaborationOptions elaboration;
  LoadLimits limits;
  std::uint64_t maxAutomatonStates = engine::AutomatonBudget::kDefaultStates;  // per file, for all its automata
  unsigned jobs = 1;  // threads for reading, checking and linting files; output does not depend on it
  // Told when each file of a stage ("checking", "linting") is done; called from worker threads.
  std::function<void(const char* stage, std::size_t done, std::size_t total)> progress;
  // When set: told of each file's policy once it is checked, on the worker thread, with the file's
  // index in the order named, whether the file has no error of its own, and where to report about
  // it; the policy is then freed, not kept in RunResult::policies (a compiler needs each policy
  // only once).
  std::function<void(std::size_t file, const ir::Policy& policy, bool clean, DiagnosticSink& sink)> whenChecked;
  // False: a policy nothing more needs (checked, and not to be linted) is freed at once, not kept in
  // RunResult::policies, and so is its file when no diagnostic points into it and no other file
  // includes it; what a command line wants, so that memory does not grow with the files.
  bool keepPolicies = true;
};

struct RunResult {
  std::size_t filesChecked = 0;
  bool inputError = false;              // a named path was missing or unreadable: exit status 2
  std::optional<Severity> configFailOn;  // fail-on of the configuration of the first file
  // The files read; diagnostics point into them, so it lives as long as they are used.
  std::unique_ptr<FileCache> files;
  // The expanded paths of the policies when the run keeps them all (lint), and which word expands
  // to which with which variables.
  std::unique_ptr<StringPool> strings;
  std::unique_ptr<ExpansionMemo> expansions;
  // The elaborated policy of each file, in the order named (unless RunOptions::whenChecked took them).
  std::vector<std::unique_ptr<ir::Policy>> policies;
};

// The lint rules enabled by default.
LintSelection defaultLintSelection();

// `paths`: files, directories (their policy files, not recursively) and "-" for standard input.
RunResult run(const std::vector<std::string>& paths, const RunOptions& options, DiagnosticSink& sink);

}  // namespace aalint
