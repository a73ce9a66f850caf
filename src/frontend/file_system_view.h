// The file system as one run sees it. Every profile of a distribution's tree includes the same
// tunables and abstractions: where an include is found, what its path is, its canonical name and the
// policy files of an included directory are each asked of the kernel once per run, not once per
// profile that includes them.
#pragma once

#include <sys/types.h>

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "frontend/search_path.h"

namespace aalint {

class FileSystemView {
public:
  struct Status {
    int error = 0;  // errno of stat(2); 0 when it succeeded
    mode_t mode = 0;
  };
  Status status(const std::string& path);
  // realpath(3) of `path`, or `path` itself when it has none.
  std::string canonical(const std::string& path);
  // Where an include's target is read from: for <name>, the first directory of the search path
  // holding it (nullopt when none does), through status(); a "quoted" or bare name as written.
  std::optional<std::string> locate(const SearchPath& search, const std::string& target, bool searched);
  // policyFilesIn(dir).
  std::vector<std::string> policyFiles(const std::string& dir);

private:
  template <typename Value, typename Compute>
  Value remembered(std::unordered_map<std::string, Value>& known, const std::string& key, Compute compute);

  std::mutex mutex_;
  std::unordered_map<std::string, Status> status_;
  std::unordered_map<std::string, std::string> canonical_;
  std::unordered_map<std::string, std::optional<std::string>> located_;
  std::unordered_map<std::string, std::vector<std::string>> policyFiles_;
};

}  // namespace aalint
