#include "engine/glob_set.h"

#include <algorithm>

#include "support/thread_cache.h"

namespace aalint::engine {

static bool has(const AcceptIds& accepts, std::size_t id) {
  return std::binary_search(accepts.begin(), accepts.end(), static_cast<std::uint32_t>(id));
}

GlobSet GlobSet::compile(const std::vector<std::string>& globs, const GlobSetOptions& options) {
  GlobSet set;
  DfaBuilder builder(options.maxStates);
  builder.setBudget(options.budget);
  if (options.onlyWhereGlobsMeet) builder.exploreOnlyWhereExpressionsMeet(options.focus);
  set.exact_.assign(globs.size(), false);
  for (std::size_t i = 0; i < globs.size(); ++i) {
    // Lint asks about the same abstraction globs in every profile that includes them.
    const GlobResult& converted = cachedOnThread<GlobResult, kRememberedGlobs>(
        globs[i], [](const std::string& glob) { return convertGlob(filterSlashes(glob), GlobMode::Default); });
    if (converted.error) {
      set.failures_.push_back({i, *converted.error});
      continue;
    }
    RegexParse parsed = parseRegex(converted.converted->regex, builder.tree());
    if (parsed.error) {
      set.failures_.push_back({i, GlobError{0, parsed.error->message}});
      continue;
    }
    set.exact_[i] = parsed.exact;
    builder.add(parsed.root, static_cast<std::uint32_t>(i));
  }
  if (set.failures_.empty()) {
    set.dfa_ = builder.build();
    set.exceeded_ = builder.exceeded();
  }
  return set;
}

std::optional<std::string> GlobSet::intersection(std::size_t a, std::size_t b) const {
  const Dfa& d = *dfa_;
  return d.shortestTo([&](std::uint32_t s) { return has(d.accepts(s), a) && has(d.accepts(s), b); });
}

std::optional<std::string> GlobSet::difference(std::size_t a, std::size_t b) const {
  const Dfa& d = *dfa_;
  return d.shortestTo([&](std::uint32_t s) { return has(d.accepts(s), a) && !has(d.accepts(s), b); });
}

std::vector<bool> GlobSet::covers(const std::vector<std::pair<std::size_t, std::size_t>>& pairs) const {
  // Every state of the automaton is reachable: a pair is not covered when a state accepts its
  // inner glob but not its outer one.
  std::vector<bool> covered(pairs.size(), true);
  const Dfa& d = *dfa_;
  for (std::uint32_t s = 0; s < d.stateCount(); ++s) {
    if (d.accepts(s).empty()) continue;
    for (std::size_t k = 0; k < pairs.size(); ++k)
      if (covered[k] && has(d.accepts(s), pairs[k].second) && !has(d.accepts(s), pairs[k].first)) covered[k] = false;
  }
  return covered;
}

bool GlobSet::matches(std::size_t i, const std::string& path) const { return has(dfa_->accepts(dfa_->run(path)), i); }

}  // namespace aalint::engine
