// One automaton per profile over the globs of all its file rules and of the probe paths that lint
// rules ask about (secrets, kernel interfaces, shared directories, large subtrees). Built once per
// profile and shared by every path rule; each state knows which rules and probes match there.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/glob_set.h"
#include "rule_support.h"

namespace aalint::lint {

enum class ProbeKind { SensitiveRead, SensitiveWrite, SharedDirectory, Subtree };

struct Probe {
  ProbeKind kind;
  const char* glob;
  const char* what;  // for messages: "password hashes"
};
const std::vector<Probe>& probes();

class FileAutomaton {
public:
  // Debian's largest profiles need some 15,000 states; past 200,000 the analysis would take seconds.
  static constexpr std::uint32_t kMaxStates = 200'000;

  // nullptr when a glob is invalid (the checks report it) or the automaton would be too large for
  // kMaxStates or `budget` (then `tooLarge` says which limit). With a `file`, only its rules, and
  // the rules and probes that may meet one of them (by their literal prefixes), are in the
  // automaton: what the rules of included files do among themselves is not asked.
  static std::unique_ptr<FileAutomaton> build(const ir::ProfileInstance& profile, const SourceFile* file,
                                              engine::AutomatonBudget& budget,
                                              std::optional<engine::AutomatonLimit>& tooLarge);

  const std::vector<FileAccess>& rules() const { return rules_; }
  const engine::Dfa& dfa() const { return set_.dfa(); }
  const engine::Dfa::ShortestPaths& paths() const { return paths_; }
  bool exact(std::size_t rule) const { return set_.exact(rule); }

  // In a state: the rules and the probes that match (computed once: every path rule asks).
  struct Matches {
    std::vector<std::size_t> rules;
    std::vector<std::size_t> probes;
  };
  const Matches& matches(std::uint32_t state) const { return matches_[state]; }

private:
  std::vector<FileAccess> rules_;
  engine::GlobSet set_;
  engine::Dfa::ShortestPaths paths_;
  std::vector<Matches> matches_;
  std::vector<std::size_t> probeIds_;  // the probes in the automaton, as indices into probes()
};

// Which file permission a question is about.
enum class Access { Read, Write, Execute };
bool grants(const FileAccess& rule, Access access);
// Whether a deny rule among `matching` cancels `access` for `rule` (same owner/other half).
bool deniedAmong(const FileAutomaton& automaton, const std::vector<std::size_t>& matching, const FileAccess& rule,
                 Access access);

}  // namespace aalint::lint
