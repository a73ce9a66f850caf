#include "support/string_pool.h"

namespace aalint {

const std::string& StringPool::intern(const std::string& text) {
  const std::size_t hash = std::hash<std::string>{}(text);
  Shard& shard = shards_[(hash >> 56) % kShards];  // the set's buckets use the low bits
  std::lock_guard<std::mutex> lock(shard.mutex);
  return *shard.strings.insert(text).first;
}

}  // namespace aalint
