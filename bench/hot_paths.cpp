// Google Benchmark programs for aalint's hot paths, on real inputs: lexing and parsing a policy
// file, globs to one automaton, minimization, and packing the kernel's tables. Each reports the
// time of one call: `build/aalint_bench` (Google Benchmark's options, e.g. --benchmark_filter=minimize).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "backend/policy_writer.h"
#include "engine/dfa.h"
#include "engine/glob.h"
#include "engine/glob_set.h"
#include "frontend/parse.h"
#include "ir/ir.h"
#include "support/diagnostic.h"
#include "support/source_file.h"

namespace {

using namespace aalint;

// The largest file of Debian's abstractions that every desktop profile includes.
const char* const kPolicyFile = "/etc/apparmor.d/abstractions/base";

std::string readText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The path globs of Debian's abstractions (top-level file rules without variables), in file order.
const std::vector<std::string>& realGlobs() {
  static const std::vector<std::string> globs = [] {
    std::vector<std::string> paths, out;
    for (const auto& entry : std::filesystem::directory_iterator("/etc/apparmor.d/abstractions"))
      if (entry.is_regular_file()) paths.push_back(entry.path().string());
    std::sort(paths.begin(), paths.end());
    for (const std::string& path : paths) {
      SourceFile source(path, readText(path));
      DiagnosticSink sink;
      std::unique_ptr<ir::File> file = parseFile(source, sink, {});
      if (!file) continue;
      for (const auto& item : file->items)
        if (auto* rule = dynamic_cast<const ir::FileRule*>(item.get());
            rule && rule->path && rule->path->text.find('@') == std::string::npos)
          out.push_back(rule->path->text);
    }
    return out;
  }();
  return globs;
}

std::vector<std::string> firstGlobs(std::size_t n) {
  const std::vector<std::string>& all = realGlobs();
  return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(n, all.size()))};
}

void lexAndParse(benchmark::State& state) {
  SourceFile source(kPolicyFile, readText(kPolicyFile));
  for (auto _ : state) {
    DiagnosticSink sink;
    benchmark::DoNotOptimize(parseFile(source, sink, {}));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * source.text().size()));
}
BENCHMARK(lexAndParse)->Unit(benchmark::kMicrosecond);

void globsToAutomaton(benchmark::State& state) {
  const std::vector<std::string> globs = firstGlobs(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(engine::GlobSet::compile(globs));
  state.counters["globs"] = static_cast<double>(globs.size());
  state.counters["states"] = static_cast<double>(engine::GlobSet::compile(globs).dfa().stateCount());
}
BENCHMARK(globsToAutomaton)->Arg(100)->Arg(300)->Arg(700)->Unit(benchmark::kMicrosecond);

void minimize(benchmark::State& state) {
  const engine::GlobSet set = engine::GlobSet::compile(firstGlobs(static_cast<std::size_t>(state.range(0))));
  for (auto _ : state) {
    state.PauseTiming();
    engine::Dfa dfa = set.dfa();
    state.ResumeTiming();
    dfa.minimize();
    benchmark::DoNotOptimize(dfa.stateCount());
  }
}
BENCHMARK(minimize)->Arg(100)->Arg(300)->Arg(700)->Unit(benchmark::kMicrosecond);

void packTables(benchmark::State& state) {
  engine::Dfa dfa = engine::GlobSet::compile(firstGlobs(static_cast<std::size_t>(state.range(0)))).dfa();
  dfa.minimize();
  auto accept = [&](std::uint32_t s) { return std::make_pair(static_cast<std::uint32_t>(dfa.accepts(s).size()), 0u); };
  for (auto _ : state) benchmark::DoNotOptimize(backend::packTables(dfa, accept));
}
BENCHMARK(packTables)->Arg(100)->Arg(300)->Arg(700)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
