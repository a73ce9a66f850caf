// Writing a file so that it is either the old file or the whole new one: a temporary file in the
// same directory, flushed to disk, then renamed over the target.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aalint {

// A file written in pieces that appears whole or not at all. Each call returns nullopt on success,
// else what went wrong; a file not committed leaves the target untouched and no temporary behind.
class AtomicFile {
public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::optional<std::string> append(std::string_view bytes);
  std::optional<std::string> commit();

private:
  std::optional<std::string> abandon(int error);

  std::string path_, temporary_;
  int fd_ = -1;
  std::optional<std::string> openError_;
};

// The whole file at once.
std::optional<std::string> writeFileAtomically(const std::string& path, const std::string& contents);

}  // namespace aalint
