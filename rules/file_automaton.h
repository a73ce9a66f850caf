// One automaton per profile over the globs of its file rules and of the probe paths that lint rules
// ask about (secrets, kernel interfaces, shared directories, large subtrees). Built once per
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
  std::string glob;
  const char* what;  // for messages: "password hashes"
};
const std::vector<Probe>& probes();

class FileAutomaton {
public:
  // Debian's largest profiles need some 15,000 states; past 200,000 the analysis would take seconds.
  static constexpr std::uint32_t kMaxStates = 200'000;

  // Over the file rules `all` of a profile; nullptr when a glob is invalid (the checks report it)
  // or the automaton would be too large for kMaxStates or `budget` (then `tooLarge` says which
  // limit). With a `file`, only its rules, the probes that may meet one of them and the included
  // rules that may meet one whose findings they bear on (as near_file.h judges) are in the
  // automaton: what the rules of included files do among themselves is not asked.
  static std::unique_ptr<FileAutomaton> build(const std::vector<FileAccess>& all, const SourceFile* file,
                                              engine::AutomatonBudget& budget,
                                              std::optional<engine::AutomatonLimit>& tooLarge);

  FileAutomaton() = default;
  FileAutomaton(const FileAutomaton&) = delete;  // its sites point into its own arrays
  FileAutomaton& operator=(const FileAutomaton&) = delete;

  const std::vector<FileAccess>& rules() const { return rules_; }

  // Ids of rules (indices into rules()) or of probes (into probes()).
  struct Ids {
    const std::size_t* first = nullptr;
    const std::size_t* last = nullptr;
    const std::size_t* begin() const { return first; }
    const std::size_t* end() const { return last; }
    bool empty() const { return first == last; }
  };
  // A set of rules and probes that match together somewhere: each distinct set occurs at least once,
  // nearest first. The automaton is not explored beyond a state where a single rule or probe is left;
  // its matches there are one site `beyond` that state (and the witness only leads there). A rule of
  // the file that may meet no other rule or probe is not in the automaton: its site comes last, at
  // no state (kAlone), and its witness is a path read from its glob (or the glob).
  static constexpr std::uint32_t kAlone = 0xFFFFFFFF;
  struct Site {
    std::uint32_t state;
    bool beyond;
    Ids rules;
    Ids probes;
  };
  const std::vector<Site>& sites() const { return sites_; }
  // A shortest path to a site's state.
  std::string witness(const Site& site) const;
  // The rules that cover every path of a subtree probe (an index into probes()).
  const std::vector<std::size_t>& covering(std::size_t subtreeProbe) const;

private:
  // Fills covering_ for the (rule, subtree probe) pairs; false when the automaton is too large.
  bool coverSubtrees(const std::vector<std::pair<std::size_t, std::size_t>>& pairs, engine::AutomatonBudget& budget,
                     std::optional<engine::AutomatonLimit>& tooLarge);

  std::vector<FileAccess> rules_;
  engine::GlobSet set_;
  engine::Dfa::ShortestPaths paths_;
  std::vector<Site> sites_;
  std::vector<std::size_t> ids_;  // of the sites' rules and probes
  std::vector<std::vector<std::size_t>> covering_;  // per probe
};

// Which file permission a question is about.
enum class Access { Read, Write, Execute };
bool grants(const FileAccess& rule, Access access);
// Whether a deny rule among `matching` cancels `access` for `rule` (same owner/other half).
bool deniedAmong(const FileAutomaton& automaton, const FileAutomaton::Ids& matching, const FileAccess& rule,
                 Access access);

}  // namespace aalint::lint
