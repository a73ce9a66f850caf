// The ids of the expressions each state of an automaton accepts, every state's in one pool: most
// states accept nothing or one id, and a vector per state cost an allocation (and its header) for
// each, thousands per profile while two threads each build one.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace aalint::engine {

// One state's ids, sorted: a view into an AcceptTable, valid while the table is unchanged.
class AcceptIds {
public:
  AcceptIds(const std::uint32_t* first, const std::uint32_t* last) : first_(first), last_(last) {}

  const std::uint32_t* begin() const { return first_; }
  const std::uint32_t* end() const { return last_; }
  const std::uint32_t* data() const { return first_; }
  std::size_t size() const { return static_cast<std::size_t>(last_ - first_); }
  bool empty() const { return first_ == last_; }
  std::uint32_t operator[](std::size_t i) const { return first_[i]; }
  std::vector<std::uint32_t> toVector() const { return {first_, last_}; }

  friend bool operator==(const AcceptIds& a, const AcceptIds& b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }
  friend bool operator==(const AcceptIds& a, const std::vector<std::uint32_t>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

private:
  const std::uint32_t* first_;
  const std::uint32_t* last_;
};

class AcceptTable {
public:
  std::uint32_t size() const { return static_cast<std::uint32_t>(start_.size() - 1); }
  AcceptIds operator[](std::uint32_t state) const {
    return {ids_.data() + start_[state], ids_.data() + start_[state + 1]};
  }
  // Appends a state that accepts `ids` (sorted; from another table or a vector, not from this one).
  void append(const std::uint32_t* first, const std::uint32_t* last) {
    ids_.insert(ids_.end(), first, last);
    start_.push_back(static_cast<std::uint32_t>(ids_.size()));
  }
  void append(const AcceptIds& ids) { append(ids.begin(), ids.end()); }

private:
  std::vector<std::uint32_t> ids_;
  std::vector<std::uint32_t> start_{0};
};

}  // namespace aalint::engine
