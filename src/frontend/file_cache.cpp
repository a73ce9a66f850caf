#include "frontend/file_cache.h"

#include "frontend/parse.h"

namespace aalint {

const ParsedFile& FileCache::parse(std::unique_ptr<ParsedFile> entry, LoadResult loaded, const std::string& key,
                                   DiagnosticSink& sink, const IncludeChain& chain) {
  if (loaded.failure) {
    entry->failure = loaded.failure;
  } else {
    entry->source = std::move(loaded.file);
    entry->ir = parseFile(*entry->source, sink, chain);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = files_[key];
  if (!slot) slot = std::move(entry);
  return *slot;
}

const ParsedFile& FileCache::get(const std::string& path, DiagnosticSink& sink, const IncludeChain& chain) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = files_.find(path);
    if (it != files_.end()) return *it->second;
  }
  return parse(std::make_unique<ParsedFile>(), loadSource(path, path, limits_), path, sink, chain);
}

const ParsedFile& FileCache::standardInput(DiagnosticSink& sink) {
  return parse(std::make_unique<ParsedFile>(), loadStandardInput(limits_), "<stdin>", sink, {});
}

}  // namespace aalint

namespace aalint {

const ir::File* FileCache::irOf(const SourceFile* source) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [path, entry] : files_)
    if (entry->source.get() == source) return entry->ir.get();
  return nullptr;
}

}  // namespace aalint
