// Several AppArmor globs compiled into one automaton, and the questions lint rules and checks ask
// of them: do two globs share a path, does one cover another, which path tells them apart.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/dfa.h"
#include "engine/glob.h"

namespace aalint::engine {

struct GlobSetOptions {
  std::uint32_t maxStates = 1u << 20;
  AutomatonBudget* budget = nullptr;
  // Builds the automaton only where two globs can meet, one of them in `focus` (indexed like the
  // globs; every glob when empty): see DfaBuilder::exploreOnlyWhereExpressionsMeet. The queries
  // below need the whole automaton: they are not for such a set.
  bool onlyWhereGlobsMeet = false;
  std::vector<bool> focus;
};

class GlobSet {
public:
  struct Failure {
    std::size_t index = 0;  // which glob
    GlobError error;
  };

  // Globs are taken after variable expansion; slashes are filtered as for file rules.
  // Not ok() when a glob is invalid or the automaton would exceed the options' state limit or budget.
  static GlobSet compile(const std::vector<std::string>& globs, const GlobSetOptions& options = {});

  bool ok() const { return dfa_.has_value(); }
  const std::vector<Failure>& failures() const { return failures_; }
  // Set when the globs are valid but their automaton is too large to build.
  const std::optional<AutomatonLimit>& exceeded() const { return exceeded_; }
  const Dfa& dfa() const { return *dfa_; }
  // Whether glob i matches exactly one path (no wildcard; alternations allowed).
  bool exact(std::size_t i) const { return exact_[i]; }

  // A path matched by both globs.
  std::optional<std::string> intersection(std::size_t a, std::size_t b) const;
  // A path matched by a but not by b.
  std::optional<std::string> difference(std::size_t a, std::size_t b) const;
  // Every path of `inner` is matched by `outer`.
  bool covers(std::size_t outer, std::size_t inner) const { return !difference(inner, outer).has_value(); }
  // covers() for many (outer, inner) pairs, in one pass over the states.
  std::vector<bool> covers(const std::vector<std::pair<std::size_t, std::size_t>>& pairs) const;
  bool matches(std::size_t i, const std::string& path) const;

private:
  std::optional<Dfa> dfa_;
  std::vector<bool> exact_;
  std::vector<Failure> failures_;
  std::optional<AutomatonLimit> exceeded_;
};

}  // namespace aalint::engine
