// A value computed once per key on each thread, for work that comes back with the same input again
// and again (the globs of the system's abstractions, in every profile that includes them).
#pragma once

#include <string>
#include <unordered_map>

namespace aalint {

// `compute(key)`, remembered on the calling thread. Each call site (each Compute type) has its own
// cache, emptied past 100,000 keys, so a reference it returns is valid until that call site's next
// call.
template <typename Value, typename Compute>
const Value& cachedOnThread(const std::string& key, Compute compute) {
  thread_local std::unordered_map<std::string, Value> cache;
  if (cache.size() > 100'000) cache.clear();
  auto [it, fresh] = cache.try_emplace(key);
  if (fresh) it->second = compute(key);
  return it->second;
}

}  // namespace aalint
