#include "near_file.h"

#include <algorithm>

#include "support/thread_cache.h"

namespace aalint::lint {

const std::vector<std::string>& literalPrefixes(const std::string& glob) {
  return cachedOnThreadByAddress<std::vector<std::string>, engine::kRememberedGlobs>(glob, engine::literalPrefixes);
}

const engine::PatternBeginnings& patternBeginnings(const std::string& glob) {
  return cachedOnThreadByAddress<engine::PatternBeginnings, engine::kRememberedGlobs>(
      glob, [](const std::string& text) { return engine::PatternBeginnings(text); });
}

const engine::PatternBeginnings& patternEndings(const std::string& glob) {
  return cachedOnThreadByAddress<engine::PatternBeginnings, engine::kRememberedGlobs>(
      glob, engine::PatternBeginnings::endingsOf);
}

namespace {

// A rule's permissions as bits, one per letter (a and w count as one, as every exec mode).
unsigned lettersOf(const FileAccess& rule) {
  const ir::FilePermissions& p = rule.perms;
  return (p.read ? 1u : 0u) | (rule.writes() ? 2u : 0u) | (p.link ? 4u : 0u) | (p.lock ? 8u : 0u) |
         (p.mmap ? 16u : 0u) | (rule.executes() ? 32u : 0u);
}

// How what an included rule grants or denies can bear on a finding about a rule of the file where
// the two meet (see meetsBearing).
enum class Bearing { None, Always, IfRedundant };
Bearing bearing(const FileAccess& included, const FileAccess& own) {
  if (included.deny()) return Bearing::Always;
  if (own.deny()) return Bearing::None;
  if ((grants(included, Access::Write) && grants(own, Access::Execute)) ||
      (grants(included, Access::Execute) && grants(own, Access::Write)))
    return Bearing::Always;
  return (lettersOf(included) & lettersOf(own)) ? Bearing::IfRedundant : Bearing::None;
}

}  // namespace

NearFile::NearFile(const std::vector<FileAccess>& rules, const SourceFile* file, std::size_t& pairBudget)
    : rules_(rules), pairBudget_(pairBudget) {
  for (const FileAccess& rule : rules)
    if (rule.placed->rule->range.file == file) {
      const auto id = static_cast<std::uint32_t>(own_.size());
      own_.push_back(&rule);
      ownPrefixes_.push_back(literalPrefixes(rule.glob()));
      for (const std::string& prefix : ownPrefixes_.back()) add(prefix, id);
    }
  patterns_.resize(own_.size());
  endings_.resize(own_.size());
  askedFor_.assign(own_.size(), 0);
  examples_.resize(own_.size());
  granted_.assign(own_.size(), 0);
  ownAsked_.assign(own_.size(), false);
  met_.assign(own_.size(), false);
}

// Copied from the thread's cache: a path with variables is the same string in every profile whose
// file writes it alike (@{PROC}/@{pid}/status), and its beginnings are many.
const engine::PatternBeginnings& NearFile::ownBeginnings(std::uint32_t rule) const {
  if (!patterns_[rule]) patterns_[rule] = patternBeginnings(own_[rule]->glob());
  return *patterns_[rule];
}

const engine::PatternBeginnings& NearFile::ownEndings(std::uint32_t rule) const {
  if (!endings_[rule]) endings_[rule] = patternEndings(own_[rule]->glob());
  return *endings_[rule];
}

// Calls `visit(rule)` for each rule of the file that `glob` may meet and `wanted(rule)` accepts,
// until it returns true. A glob that is a rule of the file (`globRule`) is read from what is known
// of that rule.
template <typename Wanted, typename Visit>
bool NearFile::anyMet(const std::string& glob, Wanted wanted, Visit visit, std::uint32_t globRule) const {
  ++question_;
  auto meets = [&](std::uint32_t rule) {
    if (askedFor_[rule] == question_) return false;
    askedFor_[rule] = question_;
    if (!wanted(rule)) return false;
    // The rule's own first: the glob's may come from the thread's cache, which the rule's could
    // empty.
    const engine::PatternBeginnings& ruleBeginnings = ownBeginnings(rule);
    if (!ruleBeginnings.mayMeet(globRule == kNone ? patternBeginnings(glob) : ownBeginnings(globRule), pairBudget_))
      return false;
    const engine::PatternBeginnings& ruleEndings = ownEndings(rule);
    return ruleEndings.mayMeet(globRule == kNone ? patternEndings(glob) : ownEndings(globRule), pairBudget_) &&
           visit(rule);
  };
  for (const std::string& prefix : globRule == kNone ? literalPrefixes(glob) : ownPrefixes_[globRule])
    if (anyAlong(prefix, meets)) return true;
  return false;
}

std::uint32_t NearFile::child(std::uint32_t at, char c) const {
  for (std::uint32_t to = nodes_[at].firstChild; to != kNone; to = nodes_[to].nextSibling)
    if (nodes_[to].label == c) return to;
  return kNone;
}

void NearFile::add(const std::string& prefix, std::uint32_t rule) {
  std::uint32_t at = 0;
  for (char c : prefix) {
    std::uint32_t to = child(at, c);
    if (to == kNone) {
      to = static_cast<std::uint32_t>(nodes_.size());
      nodes_.push_back({c, kNone, nodes_[at].firstChild, kNone});
      nodes_[at].firstChild = to;
    }
    at = to;
  }
  ruleLinks_.push_back({rule, nodes_[at].firstRule});
  nodes_[at].firstRule = static_cast<std::uint32_t>(ruleLinks_.size() - 1);
}

template <typename Meets>
bool NearFile::anyEndingAt(std::uint32_t at, Meets meets) const {
  for (std::uint32_t link = nodes_[at].firstRule; link != kNone; link = ruleLinks_[link].next)
    if (meets(ruleLinks_[link].rule)) return true;
  return false;
}

// Whether `meets` holds for a rule with a literal beginning that begins `prefix`, or that `prefix`
// begins.
template <typename Meets>
bool NearFile::anyAlong(const std::string& prefix, Meets meets) const {
  std::uint32_t at = 0;
  for (char c : prefix) {
    if (anyEndingAt(at, meets)) return true;
    at = child(at, c);
    if (at == kNone) return false;
  }
  below_.assign(1, at);
  while (!below_.empty()) {
    const std::uint32_t node = below_.back();
    below_.pop_back();
    if (anyEndingAt(node, meets)) return true;
    for (std::uint32_t to = nodes_[node].firstChild; to != kNone; to = nodes_[to].nextSibling) below_.push_back(to);
  }
  return false;
}

bool NearFile::mayMeet(const Probe& probe) const {
  auto bearsOn = [&](std::uint32_t rule) {
    const FileAccess& own = *own_[rule];
    switch (probe.kind) {
      case ProbeKind::SensitiveRead: return own.perms.read;  // granted or denied (silent-deny)
      case ProbeKind::SensitiveWrite: return own.writes();
      case ProbeKind::SharedDirectory: return own.writes() && !own.deny() && !own.ownerOnly();  // missing-owner
      case ProbeKind::Subtree: break;  // a question of cover, not of meeting
    }
    return true;
  };
  return anyMet(probe.glob, bearsOn, [](std::uint32_t) { return true; });
}

bool NearFile::meetsBearing(const FileAccess& included, std::vector<std::uint32_t>& ifRedundant) {
  bool always = false;
  const unsigned letters = included.deny() ? 0 : lettersOf(included);
  auto bears = [&](std::uint32_t rule) { return bearing(included, *own_[rule]) != Bearing::None; };
  anyMet(included.glob(), bears, [&](std::uint32_t rule) {
    if (bearing(included, *own_[rule]) == Bearing::Always) always = true;
    else ifRedundant.push_back(rule);
    if (letters & lettersOf(*own_[rule])) noteGrant(rule, included, letters);
    return always && !letters;  // an allow goes on: it may grant what another rule's path needs
  });
  return always;
}

bool NearFile::mayBeRedundant(std::uint32_t rule) {
  if (!ownAsked_[rule]) grantsByOwnRules(rule);
  const unsigned wanted = lettersOf(*own_[rule]);
  return !example(rule) || (granted_[rule] & wanted) == wanted;
}

void NearFile::markMet(const std::string& glob) {
  anyMet(glob, [](std::uint32_t) { return true; }, [&](std::uint32_t rule) {
    met_[rule] = true;
    return false;  // on to the next rule it may meet
  });
}

void NearFile::markMeetingOwnRules() {
  for (std::uint32_t rule = 0; rule < own_.size(); ++rule) {
    // A pair already marked on both sides need not be asked again.
    auto unknown = [&](std::uint32_t other) { return other != rule && !(met_[rule] && met_[other]); };
    anyMet(
        own_[rule]->glob(), unknown,
        [&](std::uint32_t other) {
          met_[rule] = met_[other] = true;
          return false;
        },
        rule);
  }
}

std::vector<bool> NearFile::unmarked() const {
  std::vector<bool> alone(rules_.size(), false);
  for (std::uint32_t rule = 0; rule < own_.size(); ++rule)
    alone[static_cast<std::size_t>(own_[rule] - rules_.data())] = !met_[rule];
  return alone;
}

void NearFile::grantsByOwnRules(std::uint32_t rule) {
  ownAsked_[rule] = true;
  const std::optional<std::string>& path = example(rule);
  if (!path) return;
  const unsigned wanted = lettersOf(*own_[rule]);
  for (std::uint32_t other = 0; other < own_.size() && (granted_[rule] & wanted) != wanted; ++other) {
    const FileAccess& by = *own_[other];
    if (other == rule || by.deny() || !(lettersOf(by) & wanted)) continue;
    const std::vector<std::string>& prefixes = ownPrefixes_[other];
    const bool begins = std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
      return path->compare(0, prefix.size(), prefix) == 0;
    });
    if (begins && engine::mayMatch(by.glob(), *path)) granted_[rule] |= lettersOf(by);
  }
}

// `by` may grant `letters` on the example path of `rule`.
void NearFile::noteGrant(std::uint32_t rule, const FileAccess& by, unsigned letters) {
  const unsigned wanted = lettersOf(*own_[rule]);
  if ((granted_[rule] & wanted) == wanted || (granted_[rule] | letters) == granted_[rule]) return;
  const std::optional<std::string>& path = example(rule);
  if (path && engine::mayMatch(by.glob(), *path)) granted_[rule] |= letters;
}

const std::optional<std::string>& NearFile::example(std::uint32_t rule) {
  if (!examples_[rule]) examples_[rule] = engine::examplePath(own_[rule]->glob());
  return *examples_[rule];
}

}  // namespace aalint::lint
