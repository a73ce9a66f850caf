#include "frontend/file_system_view.h"

#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdlib>

namespace aalint {

// Looked up under the lock, computed outside it (two threads may both compute a new key: the same
// answer, kept once).
template <typename Value, typename Compute>
Value FileSystemView::remembered(std::unordered_map<std::string, Value>& known, const std::string& key,
                                 Compute compute) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = known.find(key); it != known.end()) return it->second;
  }
  Value value = compute();
  std::lock_guard<std::mutex> lock(mutex_);
  return known.emplace(key, std::move(value)).first->second;
}

FileSystemView::Status FileSystemView::status(const std::string& path) {
  return remembered(status_, path, [&] {
    struct stat st {};
    Status s;
    if (::stat(path.c_str(), &st) != 0) s.error = errno;
    else s.mode = st.st_mode;
    return s;
  });
}

std::string FileSystemView::canonical(const std::string& path) {
  return remembered(canonical_, path, [&] {
    char buffer[PATH_MAX];
    return std::string(::realpath(path.c_str(), buffer) ? buffer : path);
  });
}

std::optional<std::string> FileSystemView::locate(const SearchPath& search, const std::string& target,
                                                   bool searched) {
  if (!searched) return target;
  // Keyed by the search path too (NUL cannot occur in a path).
  std::string key = target;
  for (const std::string& dir : search.includeDirs) (key += '\0') += dir;
  (key += '\0') += search.baseDir;
  return remembered(located_, key, [&]() -> std::optional<std::string> {
    auto found = search.findSearched(target, [&](const std::string& path) { return status(path).error == 0; });
    if (!found) return std::nullopt;
    return tidyPath(*found);
  });
}

std::vector<std::string> FileSystemView::policyFiles(const std::string& dir) {
  return remembered(policyFiles_, dir, [&] { return policyFilesIn(dir); });
}

}  // namespace aalint
