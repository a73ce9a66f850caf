// Every file of a run is read and parsed once, however many profiles include it.
#pragma once

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "frontend/file_system_view.h"
#include "frontend/source_loader.h"
#include "ir/ir.h"
#include "support/source_file.h"

namespace aalint {

struct ParsedFile {
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<ir::File> ir;
  std::optional<LoadFailure> failure;  // could not be read or is not text
};

class FileCache {
public:
  explicit FileCache(LoadLimits limits) : limits_(limits) {}

  // Reads and parses `path` on first use; syntax errors are reported to `sink` once, with the
  // include chain of that first use. The result lives as long as the cache.
  const ParsedFile& get(const std::string& path, DiagnosticSink& sink, const IncludeChain& chain);
  // Reads and parses `path` ahead of its first use when that finds nothing to report (what a file
  // has to report is reported at its first get(), with that use's include chain): its IR, or
  // nullptr when it was not kept.
  const ir::File* prefetch(const std::string& path);
  // Standard input as a file named "<stdin>".
  const ParsedFile& standardInput(DiagnosticSink& sink);
  // How this run sees the file system (include lookups), asked once per path like the files.
  FileSystemView& fileSystem() { return fileSystem_; }
  // The IR of a file read through this cache (for its comments), or nullptr.
  const ir::File* irOf(const SourceFile* source);
  // Forgets a file that no include has reached, for a caller that holds nothing of it any more
  // (no policy, no diagnostic points into it): a run over many files does not keep them all. A
  // later include reads it again.
  void release(const std::string& path);

private:
  const ParsedFile& store(const std::string& key, std::unique_ptr<ParsedFile> entry);  // under mutex_
  const ParsedFile& parse(std::unique_ptr<ParsedFile> entry, LoadResult loaded, const std::string& key,
                          DiagnosticSink& sink, const IncludeChain& chain);

  LoadLimits limits_;
  FileSystemView fileSystem_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<ParsedFile>> files_;
  // A file being parsed by one thread: the others wait for it rather than parse it again (and
  // report its syntax errors twice).
  std::map<std::string, std::shared_future<const ParsedFile*>> pending_;
  std::set<std::string> included_;  // the files asked for by an include
  std::map<const SourceFile*, const ir::File*> irBySource_;
};

}  // namespace aalint
