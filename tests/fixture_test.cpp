// Runs every testdata/diagnostics fixture and compares aalint's diagnostics with the expectations
// written in the fixture (see testdata/README.md).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "driver/run.h"
#include "lint_rule.h"
#include "support/codes.h"
#include "support/source_file.h"

namespace fs = std::filesystem;
using namespace aalint;

namespace {

std::string key(const std::string& file, unsigned line, unsigned column, const std::string& severity,
                const std::string& code, const std::string& message) {
  std::ostringstream out;
  out << file << ":" << line << ":" << column << " " << severity << " [" << code << "] " << message;
  return out.str();
}

std::multiset<std::string> expectationsOf(const std::string& path) {
  static const std::regex local(R"(^\s*#@(-\d+)?\s+(\d+)\s+(error|warning|info)\s+\[([a-z0-9-]+)\]\s+(.*)$)");
  static const std::regex remote(R"(^\s*#@=\s+(\S+):(\d+):(\d+)\s+(error|warning|info)\s+\[([a-z0-9-]+)\]\s+(.*)$)");
  std::multiset<std::string> expected;
  std::ifstream in(path);
  std::string line;
  unsigned number = 0, lastCodeLine = 0;
  while (std::getline(in, line)) {
    ++number;
    std::smatch m;
    if (std::regex_match(line, m, local)) {
      unsigned target = lastCodeLine;
      if (m[1].matched) target -= static_cast<unsigned>(std::stoi(m[1].str().substr(1)));
      expected.insert(key(path, target, static_cast<unsigned>(std::stoi(m[2])), m[3], m[4], m[5]));
    } else if (std::regex_match(line, m, remote)) {
      expected.insert(key(m[1], static_cast<unsigned>(std::stoi(m[2])), static_cast<unsigned>(std::stoi(m[3])), m[4],
                          m[5], m[6]));
    } else {
      lastCodeLine = number;
    }
  }
  return expected;
}

std::string compare(const std::string& fixture, const DiagnosticSink& sink) {
  std::multiset<std::string> actual;
  for (const Diagnostic& d : sink.diagnostics())
    actual.insert(key(d.fileName(), d.range.line, d.range.column, severityName(d.severity), d.code, d.message));
  std::multiset<std::string> expected = expectationsOf(fixture);
  std::vector<std::string> missing, unexpected;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(unexpected));
  std::string report;
  for (const auto& m : missing) report += "  expected but not reported: " + m + "\n";
  for (const auto& u : unexpected) report += "  reported but not expected: " + u + "\n";
  return report;
}

std::vector<std::string> fixturesIn(const std::string& dir) {
  std::vector<std::string> fixtures;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".aa") fixtures.push_back(entry.path().string());
  std::sort(fixtures.begin(), fixtures.end());
  return fixtures;
}

}  // namespace

TEST_CASE("diagnostic fixtures report exactly what they expect") {
  std::vector<std::string> fixtures = fixturesIn("testdata/diagnostics");
  REQUIRE(fixtures.size() >= 4);
  for (const std::string& fixture : fixtures) {
    CAPTURE(fixture);
    RunOptions options;
    options.mode = RunMode::Check;
    options.elaboration.searchPath.includeDirs = {"testdata/includes"};
    DiagnosticSink sink;
    RunResult result = run({fixture}, options, sink);  // owns the files the diagnostics point into
    for (const Diagnostic& d : sink.diagnostics()) CHECK_MESSAGE(findCode(d.code) != nullptr, "undocumented code " << d.code);
    std::string report = compare(fixture, sink);
    CHECK_MESSAGE(report.empty(), fixture << "\n" << report);
  }
}

// testdata/rules/ID.aa holds the cases of lint rule ID that must be reported, with their messages,
// and the cases that must not be (lines without an expectation). Only that rule runs.
TEST_CASE("every lint rule has a fixture, and reports exactly what it expects") {
  std::set<std::string> withFixture;
  for (const std::string& fixture : fixturesIn("testdata/rules")) {
    std::string id = fs::path(fixture).stem().string();
    CAPTURE(fixture);
    REQUIRE_MESSAGE(lint::findRule(id) != nullptr, "no lint rule " << id);
    withFixture.insert(id);
    RunOptions options;
    options.lint.enabled = {id};
    options.useConfig = false;
    options.elaboration.searchPath.includeDirs = {"testdata/includes"};
    DiagnosticSink sink;
    RunResult result = run({fixture}, options, sink);  // owns the files the diagnostics point into
    std::string report = compare(fixture, sink);
    CHECK_MESSAGE(report.empty(), fixture << "\n" << report);
    CHECK_MESSAGE(expectationsOf(fixture).size() >= 1, "a fixture must show the rule firing");
  }
  for (const auto& rule : lint::allLintRules()) CHECK_MESSAGE(withFixture.count(rule->info().id), "no fixture for " << rule->info().id);
}

TEST_CASE("every documented code is unique and has a summary") {
  std::set<std::string> seen;
  for (const CodeDoc& doc : errorCodes()) {
    CHECK_MESSAGE(seen.insert(doc.code).second, "duplicate " << doc.code);
    CHECK(std::string(doc.summary).size() > 10);
  }
}
