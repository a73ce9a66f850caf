// A value computed once per key on each thread, for work that comes back with the same input again
// and again (the globs of the system's abstractions, in every profile that includes them).
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

namespace aalint {

// `compute(key)`, remembered on the calling thread. Each call site (each Compute type) has its own
// cache, emptied when it holds `MaxKeys` keys (keys that never come back, like the globs of one
// profile among thousands, must not pile up), so a reference it returns is valid until that call
// site's next call.
template <typename Value, std::size_t MaxKeys, typename Compute>
const Value& cachedOnThread(const std::string& key, Compute compute) {
  thread_local std::unordered_map<std::string, Value> cache;
  if (cache.size() >= MaxKeys) cache.clear();
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, compute(key)).first;
  return it->second;
}

}  // namespace aalint
