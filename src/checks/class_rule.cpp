#include "checks/class_rule.h"

#include <functional>

#include <fmt/format.h>

#include "ir/vocabulary.h"
#include "engine/glob.h"

namespace aalint::checks {

using namespace aalint::ir;

std::set<std::string> ClassRuleCheck::accessSet(const ClassRuleParts& parts,
                                                const std::map<std::string, std::vector<std::string>>& aliases) {
  std::set<std::string> set;
  for (const ir::Word& w : parts.accesses) {
    auto it = aliases.find(w.text);
    if (it == aliases.end()) set.insert(w.text);
    else set.insert(it->second.begin(), it->second.end());
  }
  return set;
}

void ClassRuleCheck::Site::checkGlob(const ir::Word& word, const std::string& where) const {
  auto expansion = policy.variables.expand(word.text);
  if (!expansion.errors.empty()) return;  // an undefined variable, reported as such
  if (const auto invalid = engine::globError(expansion.text, engine::GlobMode::Default, !placed.chain->empty()))
    error(word.range, "glob-invalid", fmt::format("invalid pattern '{}'{}: {}", word.text, where, invalid->message));
}

void ClassRuleCheck::run(const ir::Policy& policy, CheckContext& context) {
  const ClassSpec& s = spec();
  std::vector<std::string> conditionNames;
  for (const auto& [name, _] : s.conditions) conditionNames.push_back(name);
  const ir::RuleKind checked = kind();
  forEachProfile(policy, [&](const ir::ProfileInstance& profile) {
    for (const ir::PlacedRule& placed : profile.rules) {
      if (placed.rule->ruleKind != checked || placed.rule->malformed) continue;
      const auto& rule = static_cast<const ir::ClassRule&>(*placed.rule);
      Site site{placed, profile, context, policy};
      ClassRuleParts parts = splitClassRule(rule, s.accesses);
      std::size_t before = context.errorCount();

      // Several accesses without parentheses: "dbus send receive".
      if (parts.accesses.size() > 1 && rule.arguments.front().kind == ir::Argument::Kind::Word)
        site.error(parts.accesses[1].range, "access-list-unparenthesized",
                   fmt::format("several {} accesses must be in parentheses: ({})", s.what,
                               fmt::join([&] {
                                 std::vector<std::string> t;
                                 for (const auto& w : parts.accesses) t.push_back(w.text);
                                 return t;
                               }(), " ")));
      for (const ir::Word& access : parts.accesses)
        if (!contains(s.accesses, access.text))
          site.error(access.range, "unknown-access", unknownWordMessage(std::string(s.what) + " access", access.text, s.accesses));
      if (!s.takesWords)
        for (const ir::Word* w : parts.words)
          site.error(w->range, "unexpected-word",
                     contains(s.accesses, w->text)
                         ? fmt::format("access '{}' must come first in a {} rule, before any condition", w->text, s.what)
                         : unknownWordMessage(std::string(s.what) + " access", w->text, s.accesses));

      if (s.conditionsFirst) {
        const ir::Word* word = nullptr;  // the last word on this side of "->"
        for (const ir::Argument& a : rule.arguments) {
          if (a.kind == ir::Argument::Kind::Arrow) word = nullptr;
          if (a.kind == ir::Argument::Kind::Word) word = &a.word;
          if (a.kind == ir::Argument::Kind::Condition && word)
            site.error(a.condition.range, "condition-order",
                       fmt::format("'{}=' must come before '{}': in a {} rule the conditions come first",
                                   a.condition.name.text, word->text, s.what));
        }
      }
      if (parts.arrow && !parts.arrowTarget && parts.wordsAfterArrow.empty() && parts.conditionsAfterArrow.empty())
        site.error(parts.arrow->word.range, "arrow-without-target",
                   fmt::format("'->' names nothing: write the {} rule's target after it", s.what));

      std::map<std::string, int> seen;
      for (const ir::Condition* c : parts.conditions) {
        auto it = s.conditions.find(c->name.text);
        if (it == s.conditions.end()) {
          site.error(c->name.range, "unknown-condition",
                     unknownWordMessage(std::string(s.what) + " condition", c->name.text, conditionNames));
          continue;
        }
        if (++seen[c->name.text] == 2 && !it->second.repeatable)
          site.error(c->name.range, "condition-repeated",
                     fmt::format("'{}=' is given twice in one {} rule; give it once, with a list if needed",
                                 c->name.text, s.what));
        if (c->list && !it->second.list && it->second.nested.empty())
          site.error(c->range, "condition-list",
                     fmt::format("'{}=' takes one value, not a list", c->name.text));
        else if (c->list && c->values.empty() && c->nested.empty() && it->second.nested.empty())
          site.error(c->range, "condition-list", fmt::format("'{}' lists no value", c->name.text));
        if (!it->second.nested.empty()) {
          if (!c->list) {
            site.error(c->range, "condition-form",
                       fmt::format("'{}=' takes a parenthesized list of conditions, as in {}=({}=...)", c->name.text,
                                   c->name.text, it->second.nested.front()));
            continue;
          }
          for (const ir::Word& w : c->values)
            site.error(w.range, "condition-form",
                       fmt::format("'{}' inside {}=(...) is not a condition; write name=value", w.text, c->name.text));
          std::map<std::string, int> inner;
          for (const ir::Condition& n : c->nested) {
            if (!contains(it->second.nested, n.name.text))
              site.error(n.name.range, "unknown-condition",
                         unknownWordMessage(fmt::format("{} {}= condition", s.what, c->name.text), n.name.text,
                                            it->second.nested));
            else if (++inner[n.name.text] == 2)
              site.error(n.name.range, "condition-repeated", fmt::format("'{}=' is given twice", n.name.text));
            if (n.list)
              site.error(n.range, "condition-list",
                         fmt::format("'{}=' inside {}=(...) takes one value, not a list", n.name.text, c->name.text));
          }
        }
      }
      for (const ir::Argument& a : rule.arguments) {
        if (a.kind != ir::Argument::Kind::List || a.listConditions.empty()) continue;
        const ir::Condition& first = a.listConditions.front();
        if (&a == &rule.arguments.front())
          site.error(first.range, "condition-in-access-list",
                     fmt::format("'{}=' is a condition, not an access: close the access list before it",
                                 first.name.text));
        else
          site.error(first.range, "condition-form",
                     fmt::format("conditions in parentheses belong to a name, as in peer=({}=...)", first.name.text));
      }
      if (s.globValues) {
        std::function<void(const ir::Condition&)> checkGlobs = [&](const ir::Condition& c) {
          for (const ir::Word& v : c.values) site.checkGlob(v, fmt::format(" in {}=", c.name.text));
          for (const ir::Condition& n : c.nested) checkGlobs(n);
        };
        for (const ir::Condition* c : parts.conditions) checkGlobs(*c);
      }
      if (context.errorCount() == before) checkRule(rule, parts, site);
    }
  });
}

}  // namespace aalint::checks
