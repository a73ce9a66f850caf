// Strings kept once however often they are made: the expanded paths of placed rules, equal in every
// profile that includes the same abstraction. Safe to use from several threads at once.
#pragma once

#include <array>
#include <mutex>
#include <string>
#include <unordered_set>

namespace aalint {

class StringPool {
public:
  // The pool's copy of `text`; it lives as long as the pool.
  const std::string& intern(const std::string& text);

private:
  static constexpr std::size_t kShards = 64;  // so that threads seldom wait for each other
  struct alignas(64) Shard {  // a cache line of its own: threads locking neighbours do not collide
    std::mutex mutex;
    std::unordered_set<std::string> strings;  // nodes: an element never moves
  };
  std::array<Shard, kShards> shards_;
};

}  // namespace aalint
