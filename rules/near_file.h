// Which included rules and probes may bear on the findings about one file's rules, judged before
// any automaton is built: by the beginnings and endings of their globs (may they meet a rule of the
// file?) and by their permissions (would it matter where they do?).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/glob_beginnings.h"
#include "file_automaton.h"

namespace aalint::lint {

// The literal beginnings, pattern beginnings and pattern endings of a rule's or a probe's glob,
// remembered on the thread by the glob's address: placed rules' paths are kept once per run, so an
// abstraction's rule is the same string in every profile. A reference is valid until the same
// function is next called.
const std::vector<std::string>& literalPrefixes(const std::string& glob);
const engine::PatternBeginnings& patternBeginnings(const std::string& glob);
const engine::PatternBeginnings& patternEndings(const std::string& glob);

// The rules of one file among the rules of a profile. The file's literal beginnings are kept as a
// trie, which finds the rules a glob may meet by its literal beginnings; their pattern beginnings
// and endings then decide.
//
// Whether a rule of the file may be redundant is told by a path it matches (read from its glob):
// when the rules that may match that path do not grant all of its permissions, it is needed. The
// included rules are asked while they are placed (meetsBearing), the file's own rules when first
// needed.
class NearFile {
public:
  // `rules` (a profile's) must outlive it.
  NearFile(const std::vector<FileAccess>& rules, const SourceFile* file, std::size_t& pairBudget);

  // Whether a probe may meet a rule of the file it bears on: secrets a rule that reads and control
  // points a rule that writes (granted or denied), shared directories a rule that writes without
  // 'owner'.
  bool mayMeet(const Probe& probe) const;
  // Whether an included rule may meet a rule of the file it always bears on: a deny may cancel what
  // that rule grants, an allow may grant the other half of a write and an exec or mmap
  // (write-exec). The rules it meets and shares a permission with, and so bears on only if they
  // may be redundant (redundant-rule), are added to `ifRedundant`. (What the file's deny rules
  // cancel of included rules is not asked: those findings would lie wholly in included files.)
  bool meetsBearing(const FileAccess& included, std::vector<std::uint32_t>& ifRedundant);
  // Whether the rules that may match the example path of a rule of the file (an id as meetsBearing
  // adds them to `ifRedundant`) grant all of its permissions; asked once every included rule is
  // placed.
  bool mayBeRedundant(std::uint32_t rule);
  // Marks the rules of the file that `glob` may meet, whatever their permissions.
  void markMet(const std::string& glob);
  // Marks the rules of the file that may meet another one of them.
  void markMeetingOwnRules();
  // Per rule of those the NearFile was made with: whether it is a rule of the file that no mark
  // reached. Such a rule meets no glob the caller marked with and no other rule of the file, so it
  // matches alone wherever it matches.
  std::vector<bool> unmarked() const;

private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;
  // A trie in two arrays (no allocation per node: one is made for every profile linted).
  struct Node {
    char label;  // on the edge from the parent
    std::uint32_t firstChild = kNone, nextSibling = kNone;
    std::uint32_t firstRule = kNone;  // into ruleLinks_: the rules with a literal beginning that ends here
  };
  struct RuleLink {
    std::uint32_t rule, next;
  };
  std::uint32_t child(std::uint32_t at, char c) const;
  void add(const std::string& prefix, std::uint32_t rule);
  template <typename Meets>
  bool anyEndingAt(std::uint32_t at, Meets meets) const;
  template <typename Meets>
  bool anyAlong(const std::string& prefix, Meets meets) const;
  template <typename Wanted, typename Visit>
  bool anyMet(const std::string& glob, Wanted wanted, Visit visit, std::uint32_t globRule = kNone) const;
  const engine::PatternBeginnings& ownBeginnings(std::uint32_t rule) const;
  const engine::PatternBeginnings& ownEndings(std::uint32_t rule) const;
  const std::optional<std::string>& example(std::uint32_t rule);
  void noteGrant(std::uint32_t rule, const FileAccess& by, unsigned letters);
  void grantsByOwnRules(std::uint32_t rule);

  std::vector<Node> nodes_{Node{'\0'}};
  std::vector<RuleLink> ruleLinks_;
  const std::vector<FileAccess>& rules_;               // those of the profile
  std::vector<const FileAccess*> own_;                  // the file's rules, among them
  std::vector<std::vector<std::string>> ownPrefixes_;  // their literal beginnings
  mutable std::vector<std::optional<engine::PatternBeginnings>> patterns_, endings_;  // made when first asked
  mutable std::vector<std::uint32_t> askedFor_;  // per rule: the last question it answered
  mutable std::uint32_t question_ = 0;
  mutable std::vector<std::uint32_t> below_;
  std::vector<std::optional<std::optional<std::string>>> examples_;  // per rule: its example path, once asked
  std::vector<unsigned> granted_;  // per rule: what rules that may match its example path grant
  std::vector<bool> ownAsked_;     // per rule: whether the file's other rules were asked for granted_
  std::vector<bool> met_;          // per rule: whether a mark reached it
  std::size_t& pairBudget_;        // of the profile's pattern questions
};

}  // namespace aalint::lint
