// The expanded paths of the rules of included files, remembered for a run that keeps every file it
// reads: every profile that includes an abstraction expands its paths with the same variables (the
// system's tunables), and would otherwise scan, look up and intern each path again. Safe to use
// from several threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "frontend/variables.h"
#include "ir/ir.h"

namespace aalint {

class ExpansionMemo {
public:
  // A number for the variables of `table`, the same for every table with the same definitions.
  std::uint32_t tableOf(const VariableTable& table);
  // What `word` expands to with the variables of `table` (a number from tableOf), or nullptr when
  // not remembered.
  const std::string* find(const ir::Word& word, std::uint32_t table);
  // `expansion` lives as long as the run (in the run's string pool or the word's file). An
  // expansion that took a value from the profile, or that failed, must not be remembered.
  void remember(const ir::Word& word, std::uint32_t table, const std::string& expansion);

private:
  struct Key {
    const ir::Word* word;
    std::uint32_t table;
    bool operator==(const Key& other) const { return word == other.word && table == other.table; }
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const;
  };
  static constexpr std::size_t kShards = 16;  // so that threads seldom wait for each other
  struct alignas(64) Shard {
    std::mutex mutex;
    std::unordered_map<Key, const std::string*, KeyHash> expansions;
  };
  Shard& shardOf(const Key& key);

  std::mutex tablesMutex_;
  std::unordered_map<std::string, std::uint32_t> tables_;  // by VariableTable::definitions()
  std::array<Shard, kShards> shards_;
};

}  // namespace aalint
