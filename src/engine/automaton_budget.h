// How many automaton states the analyses of one policy file may build in all.
//
// A profile can be written so that its automaton explodes: every state a new mix of half-matched
// globs. The per-automaton caps bound one profile; this bounds a file of many such profiles, so
// that checking, linting or compiling any file ends within seconds. Once it is spent, every
// further build fails and the caller reports the profile as too large.
#pragma once

#include <cstdint>
#include <string>

namespace aalint::engine {

class AutomatonBudget {
public:
  // About five seconds of subset construction on this project's 2-core machines; Debian's largest
  // profile needs some 15,000 states.
  static constexpr std::uint64_t kDefaultStates = 1'000'000;

  explicit AutomatonBudget(std::uint64_t states = kDefaultStates) : limit_(states), remaining_(states) {}

  // Takes one state; false once none are left.
  bool spend() {
    if (remaining_ == 0) return false;
    --remaining_;
    return true;
  }
  bool exhausted() const { return remaining_ == 0; }
  std::uint64_t limit() const { return limit_; }
  std::uint64_t spent() const { return limit_ - remaining_; }

private:
  std::uint64_t limit_;
  std::uint64_t remaining_;
};

// Which limit stopped the construction of an automaton.
struct AutomatonLimit {
  enum class Kind { Positions, States, Budget } kind;
  std::uint64_t limit;
};
// For a message: "its automaton grows past 65535 states", or that the file's budget is spent.
std::string describe(const AutomatonLimit& limit);

}  // namespace aalint::engine
