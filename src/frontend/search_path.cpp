#include "frontend/search_path.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

namespace aalint {

std::vector<std::string> SearchPath::directories() const {
  std::vector<std::string> dirs = includeDirs;
  if (!baseDir.empty() && std::find(dirs.begin(), dirs.end(), baseDir) == dirs.end()) dirs.push_back(baseDir);
  return dirs;
}

std::optional<std::string> SearchPath::findSearched(const std::string& name) const {
  return findSearched(name, [](const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
  });
}

std::optional<std::string> SearchPath::findSearched(const std::string& name,
                                                    const std::function<bool(const std::string&)>& exists) const {
  for (const std::string& dir : directories()) {
    std::string candidate = dir + "/" + name;
    if (exists(candidate)) return candidate;
  }
  return std::nullopt;
}

std::string tidyPath(const std::string& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '/' && !out.empty() && out.back() == '/') continue;
    out += path[i];
  }
  return out;
}

static bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isIgnoredPolicyName(const std::string& name) {
  static const char* const suffixes[] = {".dpkg-new", ".dpkg-old", ".dpkg-dist", ".dpkg-bak", ".dpkg-remove",
                                         ".rpmnew",   ".rpmsave",  ".pacsave",   ".pacnew",   ".orig",
                                         ".rej",      "~"};
  if (name.empty() || name[0] == '.') return true;
  if (name == "README") return true;
  for (const char* suffix : suffixes)
    if (endsWith(name, suffix)) return true;
  return false;
}

std::vector<std::string> policyFilesIn(const std::string& dir) {
  std::vector<std::string> files;
  DIR* handle = ::opendir(dir.c_str());
  if (!handle) return files;
  while (dirent* entry = ::readdir(handle)) {
    std::string name = entry->d_name;
    if (isIgnoredPolicyName(name)) continue;
    std::string path = dir + "/" + name;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) files.push_back(path);
  }
  ::closedir(handle);
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace aalint
