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
  return store(key, std::move(entry));
}

const ParsedFile& FileCache::store(const std::string& key, std::unique_ptr<ParsedFile> entry) {
  auto& slot = files_[key];
  if (!slot) {  // else another thread was first, with the same result
    slot = std::move(entry);
    if (slot->source) irBySource_[slot->source.get()] = slot->ir.get();
  }
  return *slot;
}

const ir::File* FileCache::prefetch(const std::string& path) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = files_.find(path); it != files_.end()) return it->second->ir.get();
    if (pending_.count(path)) return nullptr;
  }
  LoadResult loaded = loadSource(path, path, limits_);
  if (loaded.failure) return nullptr;
  auto entry = std::make_unique<ParsedFile>();
  entry->source = std::move(loaded.file);
  DiagnosticSink findings;
  entry->ir = parseFile(*entry->source, findings, {});
  if (!findings.diagnostics().empty()) return nullptr;
  std::lock_guard<std::mutex> lock(mutex_);
  return store(path, std::move(entry)).ir.get();
}

const ParsedFile& FileCache::get(const std::string& path, DiagnosticSink& sink, const IncludeChain& chain) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!chain.empty()) included_.insert(path);
  if (auto it = files_.find(path); it != files_.end()) return *it->second;
  if (auto pending = pending_.find(path); pending != pending_.end()) {
    std::shared_future<const ParsedFile*> other = pending->second;
    lock.unlock();
    return *other.get();
  }
  std::promise<const ParsedFile*> parsing;
  pending_.emplace(path, parsing.get_future().share());
  lock.unlock();
  const ParsedFile& parsed = parse(std::make_unique<ParsedFile>(), loadSource(path, path, limits_), path, sink, chain);
  parsing.set_value(&parsed);
  return parsed;
}

const ParsedFile& FileCache::standardInput(DiagnosticSink& sink) {
  return parse(std::make_unique<ParsedFile>(), loadStandardInput(limits_), "<stdin>", sink, {});
}

}  // namespace aalint

namespace aalint {

void FileCache::release(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (included_.count(path)) return;
  if (auto it = files_.find(path); it != files_.end()) {
    irBySource_.erase(it->second->source.get());
    files_.erase(it);
  }
  pending_.erase(path);
}

const ir::File* FileCache::irOf(const SourceFile* source) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = irBySource_.find(source);
  return it == irBySource_.end() ? nullptr : it->second;
}

}  // namespace aalint
