#include "frontend/include_prefetch.h"

#include <sys/stat.h>

#include <atomic>
#include <mutex>
#include <set>
#include <string>

#include "support/parallel.h"

namespace aalint {

namespace {

struct Target {
  std::string name;
  bool searched;
};

// The include lines of a file's text: "include <x>", "#include "x"", "include if exists x".
std::vector<Target> scanIncludes(const std::string& text) {
  std::vector<Target> targets;
  std::size_t at = 0;
  auto blanks = [&] {
    std::size_t from = at;
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    return at > from;
  };
  auto word = [&](const char* w) {
    std::size_t n = std::char_traits<char>::length(w);
    if (text.compare(at, n, w) != 0) return false;
    at += n;
    return true;
  };
  auto upTo = [&](char end) {
    std::size_t close = text.find_first_of(std::string(1, end) + "\n", at);
    if (close == std::string::npos || text[close] != end) return std::string();
    std::string inside = text.substr(at, close - at);
    at = close + 1;
    return inside;
  };
  for (; at < text.size(); at = text.find('\n', at), at = at == std::string::npos ? text.size() : at + 1) {
    blanks();
    if (text.compare(at, 1, "#") == 0) ++at;
    if (!word("include") || !blanks()) continue;
    if (word("if") && blanks() && word("exists")) blanks();
    if (at >= text.size()) break;
    if (text[at] == '<' || text[at] == '"') {
      const bool searched = text[at++] == '<';
      std::string name = upTo(searched ? '>' : '"');
      if (!name.empty()) targets.push_back({name, searched});
    } else {
      std::size_t end = text.find_first_of(" \t\r\n,", at);
      targets.push_back({text.substr(at, end == std::string::npos ? std::string::npos : end - at), false});
    }
  }
  return targets;
}

void collect(const ir::Items& items, std::vector<Target>& targets) {
  for (const auto& item : items) {
    switch (item->kind) {
      case ir::ItemKind::Include: {
        const auto& include = static_cast<const ir::Include&>(*item);
        targets.push_back({include.target, include.searched});
        break;
      }
      case ir::ItemKind::Conditional: {
        const auto& conditional = static_cast<const ir::Conditional&>(*item);
        collect(conditional.thenItems, targets);
        collect(conditional.elseItems, targets);
        break;
      }
      case ir::ItemKind::Profile: collect(static_cast<const ir::Profile&>(*item).items, targets); break;
      case ir::ItemKind::QualifierBlock: collect(static_cast<const ir::QualifierBlock&>(*item).items, targets); break;
      default: break;
    }
  }
}

}  // namespace

void prefetchIncludes(std::size_t count, const std::function<const std::string&(std::size_t)>& fileAt,
                      FileCache& cache, const SearchPath& search, const LoadLimits& limits, unsigned jobs) {
  FileSystemView& fileSystem = cache.fileSystem();
  std::set<std::string> seen;
  std::mutex mutex;
  std::vector<std::string> next;
  // The files an include reads, found as elaboration finds them; whether one was new.
  auto follow = [&](const std::vector<Target>& targets) {
    bool found = false;
    for (const Target& target : targets) {
      const std::optional<std::string> path = fileSystem.locate(search, target.name, target.searched);
      if (!path) continue;
      const FileSystemView::Status status = fileSystem.status(*path);
      if (status.error) continue;
      std::vector<std::string> paths = S_ISDIR(status.mode) ? fileSystem.policyFiles(*path) : std::vector<std::string>{*path};
      std::lock_guard<std::mutex> lock(mutex);
      for (std::string& p : paths)
        if (seen.insert(p).second) {
          next.push_back(std::move(p));
          found = true;
        }
    }
    return found;
  };
  // The files of a large tree include the same few abstractions: once many named files in a row
  // have found nothing new, the rest are not read twice.
  constexpr std::size_t kFruitlessScans = 256;
  std::atomic<std::size_t> fruitless{0};
  forEachIndex(count, jobs, [&](std::size_t i) {
    const std::string& named = fileAt(i);
    if (named == "-" || fruitless >= kFruitlessScans) return;
    LoadResult loaded = loadSource(named, named, limits);
    if (!loaded.file) return;
    if (follow(scanIncludes(loaded.file->text()))) fruitless = 0;
    else ++fruitless;
  });
  while (!next.empty()) {
    std::vector<std::string> level;
    level.swap(next);
    forEachIndex(level.size(), jobs, [&](std::size_t i) {
      std::vector<Target> targets;
      if (const ir::File* file = cache.prefetch(level[i])) collect(file->items, targets);
      follow(targets);
    });
  }
}

}  // namespace aalint
