// Main file -> elaborated ir::Policy: resolves includes on the search path (each file once per
// compilation, as apparmor_parser does), evaluates conditionals, collects variables and expands them.
#pragma once

#include <memory>
#include <string>

#include "frontend/expansion_memo.h"
#include "frontend/file_cache.h"
#include "frontend/search_path.h"
#include "support/string_pool.h"
#include "ir/policy.h"

namespace aalint {

struct ElaborationOptions {
  SearchPath searchPath;
  unsigned maxIncludeDepth = 64;
  // Rules placed in profiles, included ones counted in each profile that includes them. Debian's
  // largest profile places some 1,500; each costs about 150 bytes.
  std::size_t maxRules = 500'000;
  // Files included, counted once per profile that includes them (a directory counts its files).
  std::size_t maxIncludes = 100'000;
  // Where the expanded paths of placed rules are kept: a run that keeps every policy shares one pool
  // among them; without one, each policy keeps its own (Policy::ownStrings).
  StringPool* strings = nullptr;
  // With a string pool, for a run that keeps every file it reads: the expansions of included
  // rules' paths, shared among the profiles that include them.
  ExpansionMemo* expansions = nullptr;
};

// `parsed` is the main file (from the cache). Diagnostics go to `sink`.
std::unique_ptr<ir::Policy> elaborate(const ParsedFile& parsed, FileCache& cache, const ElaborationOptions& options,
                                      DiagnosticSink& sink);

}  // namespace aalint
