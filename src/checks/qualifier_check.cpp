#include "checks/qualifier_check.h"

#include <fmt/format.h>

namespace aalint::checks {

namespace {

int rank(const std::string& word) {
  if (word.rfind("priority", 0) == 0) return 0;
  if (word == "audit" || word == "quiet") return 1;
  if (word == "allow" || word == "deny") return 2;
  if (word == "owner" || word == "other") return 3;
  return 4;  // safe, unsafe
}

// `error(range, message)` reports.
template <typename Error>
void checkWritten(const std::vector<ir::Word>& written, const Error& error) {
  for (std::size_t i = 0; i < written.size(); ++i) {
    const ir::Word& w = written[i];
    for (std::size_t j = 0; j < i; ++j) {
      const ir::Word& before = written[j];
      if (rank(before.text) == rank(w.text)) {
        error(w.range, before.text == w.text
                           ? fmt::format("'{}' is given twice", w.text)
                           : fmt::format("'{}' contradicts '{}'; a rule is one or the other", w.text, before.text));
        return;
      }
      if (rank(before.text) > rank(w.text)) {
        error(w.range, fmt::format("'{}' must come before '{}': qualifiers go in the order priority=, audit, "
                                   "allow/deny, owner/other, safe/unsafe",
                                   w.text, before.text));
        return;
      }
    }
  }
}

template <typename Error>
void checkPriority(const ir::Qualifiers& q, const Error& error) {
  if (!q.priority) return;
  const std::string& text = q.priority->text;
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end)
    error(q.priority->range, fmt::format("priority must be a whole number, not '{}'", text));
  else if (value < -1000 || value > 1000)
    error(q.priority->range, fmt::format("priority {} is out of range: use -1000 to 1000", value));
}

}  // namespace

void QualifierCheck::run(const ir::Policy& policy, CheckContext& context) {
  forEachProfile(policy, [&](const ir::ProfileInstance& profile) {
    for (const ir::PlacedRule& placed : profile.rules) {
      const ir::Rule& rule = *placed.rule;
      if (rule.qualifiers.written.empty() && !rule.qualifiers.priority) continue;  // most rules
      auto error = [&](const SourceRange& range, std::string message) {
        context.error("qualifier-invalid", range, *placed.chain, &profile, std::move(message));
      };
      checkWritten(rule.qualifiers.written, error);
      checkPriority(rule.qualifiers, error);
      bool fileLike = rule.ruleKind == ir::RuleKind::File || rule.ruleKind == ir::RuleKind::Link;
      if (!fileLike)
        for (const ir::Word& w : rule.qualifiers.written)
          if (w.text == "owner" || w.text == "other")
            error(w.range, fmt::format("'{}' applies to file rules; a {} rule has no file owner to compare", w.text,
                                       ir::ruleKindKeyword(rule.ruleKind)));
      if (rule.ruleKind != ir::RuleKind::File)
        for (const ir::Word& w : rule.qualifiers.written)
          if (w.text == "safe" || w.text == "unsafe")
            error(w.range, fmt::format("'{}' applies to exec rules, not to {} rules", w.text,
                                       ir::ruleKindKeyword(rule.ruleKind)));
    }
  });
}

}  // namespace aalint::checks
