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

// `compute(key)`, remembered on the calling thread by the key's address, for keys that are one
// string object each time they come back (a placed rule's expanded path, shared by every profile
// of a run): the text is compared, not hashed. Emptied, and its references valid, as cachedOnThread.
template <typename Value, std::size_t MaxKeys, typename Compute>
const Value& cachedOnThreadByAddress(const std::string& key, Compute compute) {
  struct Entry {
    std::string key;
    Value value;
  };
  thread_local std::unordered_map<const std::string*, Entry> cache;
  auto it = cache.find(&key);
  if (it != cache.end() && it->second.key == key) return it->second.value;
  if (it != cache.end()) cache.erase(it);  // another string at the address of one gone
  if (cache.size() >= MaxKeys) cache.clear();
  return cache.emplace(&key, Entry{key, compute(key)}).first->second.value;
}

}  // namespace aalint
