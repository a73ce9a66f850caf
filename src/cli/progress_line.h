// "aalint: linting 120/1543 files" on a terminal, for runs longer than a second: rewritten in
// place at most ten times a second, and erased before the diagnostics are printed.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace aalint {

class ProgressLine {
public:
  // Shown only when standard error is a terminal.
  ProgressLine();
  ~ProgressLine() { clear(); }

  // Called from any thread when a file of a stage is done.
  void update(const char* stage, std::size_t done, std::size_t total);
  // Erases the line, if one was shown.
  void clear();

private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point lastShown_{};
  bool shown_ = false;
  std::mutex mutex_;
};

}  // namespace aalint
