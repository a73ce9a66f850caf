// The transition table of an automaton: one row of targets per state, one target per byte class.
//
// Rows are kept in chunks of a power of two rows (some 64 KiB each) rather than in one array: an
// automaton grows a row at a time while it is built, and one array would be copied into a new one
// twice its size again and again, the old and the new held at once (for the largest profiles, a
// table of megabytes three times over at the peak of a compile).
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

namespace aalint::engine {

class TransitionRows {
public:
  TransitionRows() = default;
  explicit TransitionRows(std::uint32_t width) : width_(width) {
    while (width_ != 0 && (std::size_t{width_} << (shift_ + 1)) * sizeof(std::uint32_t) <= kChunkBytes) ++shift_;
  }

  TransitionRows(TransitionRows&&) = default;
  TransitionRows& operator=(TransitionRows&&) = default;
  TransitionRows(const TransitionRows& other) : width_(other.width_), shift_(other.shift_) {
    for (std::uint32_t r = 0; r < other.rows_; ++r) std::copy_n(other.row(r), width_, append(0));
  }
  TransitionRows& operator=(const TransitionRows& other) { return *this = TransitionRows(other); }

  std::uint32_t* row(std::uint32_t r) { return chunks_[r >> shift_].get() + std::size_t{r & mask()} * width_; }
  const std::uint32_t* row(std::uint32_t r) const {
    return chunks_[r >> shift_].get() + std::size_t{r & mask()} * width_;
  }
  // A new last row, each target `fill`.
  std::uint32_t* append(std::uint32_t fill) {
    if ((rows_ & mask()) == 0) chunks_.emplace_back(new std::uint32_t[std::size_t{width_} << shift_]);
    std::uint32_t* added = row(rows_++);
    std::fill(added, added + width_, fill);
    return added;
  }

private:
  static constexpr std::size_t kChunkBytes = 64 * 1024;
  std::uint32_t mask() const { return (std::uint32_t{1} << shift_) - 1; }

  std::uint32_t width_ = 0;
  std::uint32_t shift_ = 0;  // log2 of the rows per chunk
  std::uint32_t rows_ = 0;
  std::vector<std::unique_ptr<std::uint32_t[]>> chunks_;
};

}  // namespace aalint::engine
