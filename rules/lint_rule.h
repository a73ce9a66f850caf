// Lint rules: security and hygiene findings that no compiler reports. One class per rule, one file
// per rule in this directory; the comment at the top of each file is its documentation page, and
// its RuleInfo is what `aalint rules` and `aalint explain ID` print. Rules are registered in
// registry.cpp and tested by a fixture testdata/rules/ID.aa with inline expectations.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/automaton_budget.h"
#include "ir/policy.h"
#include "rule_support.h"
#include "support/diagnostic.h"

namespace aalint::lint {

enum class Category { Security, Hygiene };

struct RuleInfo {
  const char* id;
  Category category;
  Severity severity;
  bool enabledByDefault;
  const char* summary;    // one line
  const char* rationale;  // why it matters
  const char* bad;        // an example the rule reports
  const char* good;       // what to write instead
  const char* fix;        // how to fix it
};

// Profiles and attachments of every file of the run: rules that look across files use it.
struct RunIndex {
  struct Attachment {
    const ir::ProfileInstance* profile;
    std::string glob;  // expanded
  };
  struct Overlap {
    std::size_t other;    // index into attachments
    std::string witness;  // a path both attach to
  };
  std::vector<std::string> profileNames;  // sorted
  std::vector<Attachment> attachments;
  std::map<const SourceFile*, std::vector<std::size_t>> attachmentsIn;  // by the file that declares them
  std::map<std::size_t, Overlap> overlaps;  // attachment -> the first other attachment it shares a path with
  bool defines(const std::string& profileName) const {
    return std::binary_search(profileNames.begin(), profileNames.end(), profileName);
  }
};
RunIndex buildRunIndex(const std::vector<const ir::Policy*>& policies);

class FileAutomaton;

class LintContext {
public:
  // `mainFileOnly`: findings in included files will not be shown, so the path analysis may leave out
  // included rules that cannot meet a rule of the main file.
  // The automata of the file are built within `budget`.
  LintContext(DiagnosticSink& sink, const ir::Policy& policy, const RunIndex& index, engine::AutomatonBudget& budget,
              bool mainFileOnly = false);
  ~LintContext();

  const ir::Policy& policy() const { return policy_; }
  // Whether a finding at this rule would be shown: not when it lies in an included file and such
  // findings are hidden. Rules whose every finding would be at the rule itself skip the others.
  bool shown(const ir::PlacedRule& rule) const { return !mainFileOnly_ || rule.rule->range.file == policy_.mainFile; }
  const RunIndex& index() const { return index_; }
  // The automaton of a profile's file rules and probes, built on first use; nullptr when a glob of
  // the profile is invalid.
  const FileAutomaton* fileAutomaton(const ir::ProfileInstance& profile);
  // The well-formed file rules of a profile, worked out on first use.
  const std::vector<FileAccess>& fileAccesses(const ir::ProfileInstance& profile);

  void report(const RuleInfo& rule, const ir::PlacedRule& at, const ir::ProfileInstance& profile, std::string message,
              std::optional<Severity> severity = std::nullopt);
  void report(const RuleInfo& rule, const SourceRange& range, const IncludeChain& chain,
              const ir::ProfileInstance* profile, std::string message, std::optional<Severity> severity = std::nullopt);

private:
  DiagnosticSink& sink_;
  const ir::Policy& policy_;
  const RunIndex& index_;
  engine::AutomatonBudget& budget_;
  bool mainFileOnly_;
  std::map<const ir::ProfileInstance*, std::unique_ptr<FileAutomaton>> automata_;
  std::map<const ir::ProfileInstance*, std::vector<FileAccess>> accesses_;
};

class LintRule {
public:
  virtual ~LintRule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(LintContext& context) = 0;
};

std::vector<std::unique_ptr<LintRule>> allLintRules();
const RuleInfo* findRule(const std::string& id);

}  // namespace aalint::lint
