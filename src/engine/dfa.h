// Deterministic automata over bytes built from several regular expressions at once.
//
// Each expression carries an id; a state accepts the ids of every expression that matches the
// input read so far. Construction is by positions (followpos) and subset construction over byte
// equivalence classes; each state has one target per class, the dead state 0 standing for "no
// expression can match any more".
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/accept_table.h"
#include "engine/automaton_budget.h"
#include "engine/factor_sharing.h"
#include "engine/regex.h"
#include "engine/transition_rows.h"

namespace aalint::engine {

class Dfa {
public:
  static constexpr std::uint32_t kDead = 0;

  std::uint32_t stateCount() const { return accepts_.size(); }
  std::uint32_t start() const { return start_; }
  std::uint32_t classCount() const { return classCount_; }
  std::uint16_t classOf(std::uint8_t byte) const { return classOf_[byte]; }
  std::uint32_t next(std::uint32_t state, std::uint16_t cls) const { return next_.at(state, cls); }
  // A state's targets, one per class, into `out` (classCount() of them): for loops over them all.
  void targetsOf(std::uint32_t state, std::uint32_t* out) const { next_.read(state, out); }
  std::uint32_t step(std::uint32_t state, std::uint8_t byte) const { return next(state, classOf_[byte]); }
  // The target of the out-of-band symbol (kDead when there is none).
  std::uint32_t outOfBand(std::uint32_t state) const { return outOfBand_.empty() ? kDead : outOfBand_[state]; }
  bool hasOutOfBand() const { return !outOfBand_.empty(); }
  // The ids of the expressions that match in this state, sorted.
  AcceptIds accepts(std::uint32_t state) const { return accepts_[state]; }
  // For an automaton built with DfaBuilder::exploreOnlyWhereExpressionsMeet(): the one expression
  // that can still match at or beyond this state, whose transitions were then not built (all lead
  // to kDead); or kNoExpression.
  static constexpr std::uint32_t kNoExpression = 0xFFFFFFFF;
  std::uint32_t onlyAhead(std::uint32_t state) const { return onlyAhead_.empty() ? kNoExpression : onlyAhead_[state]; }
  // The byte a witness string uses for a class: printable where the class has a printable byte.
  std::uint8_t representative(std::uint16_t cls) const { return representative_[cls]; }

  // Runs the automaton over `input` from the start state.
  std::uint32_t run(const std::string& input) const;

  // Merges states that no input tells apart, where states are first told apart by `key` (by
  // default their accept sets); Hopcroft's algorithm. Renumbers the states canonically: dead 0,
  // start 1, the others in breadth-first order over bytes 0..255.
  void minimize(const std::function<std::uint64_t(std::uint32_t)>& key = nullptr);

  // The shortest input (fewest bytes, then smallest bytes) that leads from the start to a state
  // satisfying `wanted`, or nullopt.
  std::optional<std::string> shortestTo(const std::function<bool(std::uint32_t)>& wanted) const;

  // One breadth-first search from the start: the reachable states nearest first, and the shortest
  // input to each. Lets a caller visit every state once and name a witness for any of them.
  class ShortestPaths {
  public:
    const std::vector<std::uint32_t>& order() const { return order_; }
    std::string to(std::uint32_t state) const;

  private:
    friend class Dfa;
    std::vector<std::uint32_t> order_;
    std::vector<std::int64_t> parent_;
    std::vector<std::uint8_t> via_;
  };
  ShortestPaths shortestPaths() const;

private:
  friend class DfaBuilder;
  struct Partition {
    std::vector<std::uint32_t> block;            // per state
    std::vector<std::uint32_t> representatives;  // per block
  };
  Partition equivalenceBlocks(const std::function<std::uint64_t(std::uint32_t)>& key) const;
  void mergeBlocks(Partition& partition);
  void renumberCanonically();

  std::array<std::uint16_t, 256> classOf_{};
  std::vector<std::uint8_t> representative_;
  std::uint32_t classCount_ = 0;
  std::uint32_t start_ = 1;
  TransitionRows next_;
  std::vector<std::uint32_t> outOfBand_;  // per state, when an expression has the out-of-band symbol
  AcceptTable accepts_;
  std::vector<std::uint32_t> onlyAhead_;

  // Class c's target, where the class after the byte classes is the out-of-band symbol.
  std::uint32_t target(std::uint32_t state, std::uint32_t c) const {
    return c < classCount_ ? next(state, static_cast<std::uint16_t>(c)) : outOfBand_[state];
  }
  std::uint32_t symbolCount() const { return classCount_ + (outOfBand_.empty() ? 0 : 1); }
};

class DfaBuilder {
public:
  // Beyond either limit build() gives up: positions (regex tree nodes) bound the memory of the
  // construction, states the automaton. 2^20 positions is about 30,000 path rules.
  static constexpr std::uint32_t kMaxPositions = 1u << 20;
  static constexpr std::uint32_t kMaxStates = 1u << 20;  // Dfa::minimize packs a state in 22 bits
  explicit DfaBuilder(std::uint32_t maxStates = kMaxStates) : maxStates_(std::min(maxStates, kMaxStates)) {}

  RegexTree& tree() { return tree_; }
  // Adds the expression rooted at `root` (a node of tree()) under `id`.
  void add(std::int32_t root, std::uint32_t id);
  // Adds an expression that holds its own accept nodes (where a match may end: RegexTree::accept).
  void addWithAccepts(std::int32_t root) { expressions_.push_back({root, std::nullopt}); }
  // Parses and adds a regex; returns the parse error, if any.
  std::optional<RegexError> addRegex(const std::string& regex, std::uint32_t id);

  // Explores a state only while two expressions can still match beyond it, one of them in `focus`
  // (indexed by accept id; every expression when empty): for questions about which expressions
  // match together. A state left unexplored has all its transitions to kDead; Dfa::onlyAhead says
  // when a single expression was left. Not for automata to be minimized or packed.
  void exploreOnlyWhereExpressionsMeet(std::vector<bool> focus = {}) {
    onlyWhereExpressionsMeet_ = true;
    focus_ = std::move(focus);
  }

  // Every state built is also taken from `budget` (which outlives the builder), when one is given.
  void setBudget(AutomatonBudget* budget) { budget_ = budget; }

  // Builds the automaton from the expressions added, which it consumes (tree() is empty after);
  // nullopt when it would exceed the state or the position limit or the budget, and then
  // exceeded() says which.
  std::optional<Dfa> build();
  const std::optional<AutomatonLimit>& exceeded() const { return exceeded_; }

private:
  RegexTree tree_;
  std::vector<BuilderExpression> expressions_;
  std::uint32_t maxStates_;
  AutomatonBudget* budget_ = nullptr;
  bool onlyWhereExpressionsMeet_ = false;
  std::vector<bool> focus_;
  std::optional<AutomatonLimit> exceeded_;
};

}  // namespace aalint::engine
