#include "frontend/expansion_memo.h"

#include <functional>

namespace aalint {

std::uint32_t ExpansionMemo::tableOf(const VariableTable& table) {
  std::string definitions = table.definitions();
  std::lock_guard<std::mutex> lock(tablesMutex_);
  const auto next = static_cast<std::uint32_t>(tables_.size());
  return tables_.emplace(std::move(definitions), next).first->second;
}

std::size_t ExpansionMemo::KeyHash::operator()(const Key& key) const {
  return std::hash<const void*>{}(key.word) * 31 + key.table;
}

ExpansionMemo::Shard& ExpansionMemo::shardOf(const Key& key) {
  // Words are allocated at least 8 bytes apart: their low bits tell little.
  return shards_[(reinterpret_cast<std::uintptr_t>(key.word) >> 6) % kShards];
}

const std::string* ExpansionMemo::find(const ir::Word& word, std::uint32_t table) {
  const Key key{&word, table};
  Shard& shard = shardOf(key);
  std::lock_guard<std::mutex> lock(shard.mutex);
  auto it = shard.expansions.find(key);
  return it == shard.expansions.end() ? nullptr : it->second;
}

void ExpansionMemo::remember(const ir::Word& word, std::uint32_t table, const std::string& expansion) {
  const Key key{&word, table};
  Shard& shard = shardOf(key);
  std::lock_guard<std::mutex> lock(shard.mutex);
  shard.expansions.emplace(key, &expansion);
}

}  // namespace aalint
