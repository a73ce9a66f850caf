// Parses ahead, on every thread, what a run's files include.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "frontend/file_cache.h"
#include "frontend/search_path.h"
#include "frontend/source_loader.h"

namespace aalint {

// Parses every file that `files` include, directly or through other includes, on `jobs` threads,
// before anything is elaborated. Most of a tree's parsing is of the tunables and abstractions that
// every profile includes; elaboration meets them one at a time, and a thread that needs one being
// parsed by another can only wait. The named files themselves are only scanned for their include
// lines (a run that frees each file once checked would otherwise hold them all), until 256 of them
// in a row have found nothing new; what the scan misses is parsed when elaboration meets it, and a
// file with anything to report is left for then.
// The named files are fileAt(0) .. fileAt(count - 1) (the run's list, not a copy of it).
void prefetchIncludes(std::size_t count, const std::function<const std::string&(std::size_t)>& fileAt,
                      FileCache& cache, const SearchPath& search, const LoadLimits& limits, unsigned jobs);

}  // namespace aalint
