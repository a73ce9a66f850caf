// The transition table of an automaton: one row of targets per state, one target per byte class.
//
// Rows are kept in chunks of a power of two rows (some 16 KiB each) rather than in one array: an
// automaton grows a row at a time while it is built, and one array would be copied into a new one
// twice its size again and again, the old and the new held at once (for the largest profiles, a
// table of megabytes three times over at the peak of a compile).
//
// Targets take 16 bits each until one does not fit (an automaton of more than 65,536 states, which
// the kernel's tables cannot hold anyway): the table of a large profile is the largest block of
// memory a compile holds, twice over while it is minimized.
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
  TransitionRows(const TransitionRows& other) : TransitionRows(other.width_) {
    std::vector<std::uint32_t> targets(width_);
    for (std::uint32_t r = 0; r < other.rows_; ++r) {
      other.read(r, targets.data());
      appendRow(targets.data(), other.wide_ ? kNarrowMax + 1 : 0);
    }
  }
  TransitionRows& operator=(const TransitionRows& other) { return *this = TransitionRows(other); }

  std::uint32_t at(std::uint32_t r, std::uint32_t c) const {
    return wide_ ? slot(wideChunks_, r, c) : slot(narrowChunks_, r, c);
  }
  // Row r's targets, into `out` (width of them).
  void read(std::uint32_t r, std::uint32_t* out) const {
    if (wide_)
      std::copy_n(&slot(wideChunks_, r, 0), width_, out);
    else
      std::copy_n(&slot(narrowChunks_, r, 0), width_, out);
  }
  // A new last row with these targets (width of them), none larger than `largest`; returns its index.
  std::uint32_t appendRow(const std::uint32_t* targets, std::uint32_t largest) {
    if (!wide_ && largest > kNarrowMax) widen();
    const std::uint32_t r = rows_++;
    if (wide_)
      std::copy_n(targets, width_, &newRow(wideChunks_, r));
    else
      std::copy_n(targets, width_, &newRow(narrowChunks_, r));
    return r;
  }
  // Calls visit(rowOf) and returns what it returns, where rowOf(r) is row r's first target (of 16
  // or 32 bits): for the loops that read the table most, compiled once for each width.
  template <typename Visit>
  decltype(auto) visitRows(Visit visit) const {
    if (wide_) return visit([this](std::uint32_t r) { return &slot(wideChunks_, r, 0); });
    return visit([this](std::uint32_t r) { return &slot(narrowChunks_, r, 0); });
  }

private:
  static constexpr std::size_t kChunkBytes = 16 * 1024;
  static constexpr std::uint32_t kNarrowMax = 0xFFFF;  // the largest target of 16 bits
  template <typename T>
  using Chunks = std::vector<std::unique_ptr<T[]>>;

  std::uint32_t mask() const { return (std::uint32_t{1} << shift_) - 1; }
  template <typename T>
  const T& slot(const Chunks<T>& chunks, std::uint32_t r, std::uint32_t c) const {
    return chunks[r >> shift_][std::size_t{r & mask()} * width_ + c];
  }
  // The first slot of new row r, in a new chunk when it is the first row of one.
  template <typename T>
  T& newRow(Chunks<T>& chunks, std::uint32_t r) {
    if ((r & mask()) == 0) chunks.emplace_back(new T[std::size_t{width_} << shift_]);
    return chunks[r >> shift_][std::size_t{r & mask()} * width_];
  }
  // From 16-bit targets to 32-bit ones, a chunk at a time.
  void widen() {
    const std::size_t size = std::size_t{width_} << shift_;
    for (std::unique_ptr<std::uint16_t[]>& narrow : narrowChunks_) {
      wideChunks_.emplace_back(new std::uint32_t[size]);
      std::copy_n(narrow.get(), size, wideChunks_.back().get());
      narrow.reset();
    }
    narrowChunks_.clear();
    wide_ = true;
  }

  std::uint32_t width_ = 0;
  std::uint32_t shift_ = 0;  // log2 of the rows per chunk
  std::uint32_t rows_ = 0;
  bool wide_ = false;
  Chunks<std::uint16_t> narrowChunks_;
  Chunks<std::uint32_t> wideChunks_;
};

}  // namespace aalint::engine
