#include "checks/exec_conflict_check.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "ir/file_permissions.h"
#include "engine/glob_set.h"
#include "engine/glob_beginnings.h"
#include "support/source_file.h"
#include "support/text.h"

namespace aalint::checks {

using ir::ExecMode;
using ir::FilePermissions;
using ir::PermissionProblem;
using ir::parseFilePermissions;

namespace {

struct ExecRule {
  const ir::PlacedRule* placed;
  ExecMode mode;
  bool owner;  // applies to the owner half
  bool other;  // applies to the other half
};


// Whether two of the rules with different exec modes may match a common path, judged by the
// beginnings of their globs, literal and then as patterns: most profiles' exec rules cannot, and
// need no automaton.
bool twoModesMayMeet(const std::vector<ExecRule>& rules, const std::vector<std::string>& globs) {
  std::vector<std::vector<std::string>> prefixes;
  for (const std::string& glob : globs) prefixes.push_back(engine::literalPrefixes(glob));
  std::vector<std::optional<engine::PatternBeginnings>> patterns(globs.size());
  std::size_t pairBudget = engine::PatternBeginnings::kPairsPerProfile;
  auto patternsOf = [&](std::size_t i) -> const engine::PatternBeginnings& {
    if (!patterns[i]) patterns[i].emplace(globs[i]);
    return *patterns[i];
  };
  for (std::size_t i = 0; i < rules.size(); ++i)
    for (std::size_t j = i + 1; j < rules.size(); ++j)
      if (rules[i].mode != rules[j].mode && engine::mayMeet(prefixes[i], prefixes[j]) &&
          patternsOf(i).mayMeet(patternsOf(j), pairBudget))
        return true;
  return false;
}

}  // namespace

void ExecConflictCheck::run(const ir::Policy& policy, CheckContext& context) {
  forEachProfile(policy, [&](const ir::ProfileInstance& profile) {
    std::vector<ExecRule> rules;
    std::vector<std::string> globs;
    for (const ir::PlacedRule& placed : profile.rules) {
      if (placed.rule->ruleKind != ir::RuleKind::File || placed.qualifiers.deny) continue;
      const auto& rule = static_cast<const ir::FileRule&>(*placed.rule);
      if (!rule.permissions || !rule.path) continue;
      FilePermissions perms = parseFilePermissions(rule.permissions->text);
      if (!perms.exec || !perms.problems.empty()) continue;
      ExecMode mode = *perms.exec;
      if (placed.qualifiers.safe) mode.unsafe = false;
      if (placed.qualifiers.unsafe && mode.transition != ExecMode::Transition::Inherit) mode.unsafe = true;
      if (rule.execTarget) mode.target = rule.execTarget->text;
      bool owner = !placed.qualifiers.other, other = !placed.qualifiers.owner;
      rules.push_back({&placed, mode, owner, other});
      globs.push_back(placed.path());
    }
    if (rules.size() < 2 || !twoModesMayMeet(rules, globs)) return;
    constexpr std::uint32_t kMaxStates = 200'000;  // as for the lint rules' path analysis
    // A conflict needs two rules: the automaton is explored only where two of them can still meet.
    engine::GlobSet set = engine::GlobSet::compile(globs, {kMaxStates, &context.budget(), true, {}});
    // Not knowing is an error: a check that passed what it could not see would be a silent pass.
    if (set.exceeded())
      context.error("too-large", profile.declaration->header, profile.chain, &profile,
                    fmt::format("profile '{}' is too large for aalint to check its exec rules for conflicts: {}",
                                profile.name, engine::describe(*set.exceeded())));
    if (!set.ok()) return;  // invalid globs are reported by the glob check
    const engine::Dfa& dfa = set.dfa();

    // The exec modes that apply in a state, per half: exact rules win over globbing ones.
    auto conflictIn = [&](std::uint32_t state, bool ownerHalf) -> std::pair<std::size_t, std::size_t> {
      const auto& accepts = dfa.accepts(state);
      std::vector<std::size_t> exact, globbing;
      for (std::uint32_t id : accepts) {
        const ExecRule& r = rules[id];
        if (ownerHalf ? !r.owner : !r.other) continue;
        (set.exact(id) ? exact : globbing).push_back(id);
      }
      const auto& applying = exact.empty() ? globbing : exact;
      for (std::size_t i = 1; i < applying.size(); ++i)
        if (rules[applying[i]].mode != rules[applying[0]].mode) return {applying[0], applying[i]};
      return {SIZE_MAX, SIZE_MAX};
    };

    std::set<std::pair<std::size_t, std::size_t>> reported;
    for (std::uint32_t s = 0; s < dfa.stateCount(); ++s) {
      if (dfa.accepts(s).size() < 2) continue;
      for (bool ownerHalf : {true, false}) {
        const auto conflict = conflictIn(s, ownerHalf);
        const std::size_t a = conflict.first, b = conflict.second;
        if (a == SIZE_MAX || !reported.insert({std::min(a, b), std::max(a, b)}).second) continue;
        auto witness = dfa.shortestTo([&](std::uint32_t t) {
          auto [x, y] = conflictIn(t, ownerHalf);
          return (x == a && y == b) || (x == b && y == a);
        });
        std::string path = escapeNonPrintable(witness.value_or(""));
        const ExecRule& first = rules[a];
        const ExecRule& second = rules[b];
        auto describe = [&](const ExecRule& r) {
          const auto& rule = static_cast<const ir::FileRule&>(*r.placed->rule);
          return fmt::format("'{}' at {}:{}", r.mode.spelling(), rule.range.file ? rule.range.file->path() : "",
                             rule.range.line);
        };
        const char* half = ownerHalf ? "" : " (for files the user does not own)";
        for (const ExecRule* r : {&first, &second}) {
          const ExecRule& otherRule = r == &first ? second : first;
          context.error("exec-mode-conflict", r->placed->rule->range, *r->placed->chain, &profile,
                        fmt::format("exec mode '{}' conflicts with {}: both rules match '{}'{}; give them the "
                                    "same exec mode, or add a rule for the exact path",
                                    r->mode.spelling(), describe(otherRule), path, half));
        }
      }
    }
  });
}

}  // namespace aalint::checks
