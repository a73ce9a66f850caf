// aalint: the command line. Parses options, runs the driver, prints diagnostics, sets the exit status.
//
// Exit status: 0 nothing at or above the failure threshold, 1 findings, 2 usage or input error.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/policy_commands.h"
#include "cli/progress_line.h"
#include "driver/run.h"
#include "output/formatter.h"
#include "lint_rule.h"
#include "support/codes.h"

namespace po = boost::program_options;
using namespace aalint;

namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

const char* kUsage =
    "Usage: aalint [lint] [OPTIONS] PATH...   lint AppArmor policy files or directories ('-' reads stdin)\n"
    "       aalint check [OPTIONS] PATH...    report only what apparmor_parser would reject\n"
    "       aalint compile (-o FILE | -S) PATH...  compile to the kernel's binary policy\n"
    "       aalint load|replace PATH...       compile and load into the kernel (--interface DIR;\n"
    "                                         --binary loads compiled policy files as they are)\n"
    "       aalint remove NAME...             remove profiles from the kernel\n"
    "       aalint dump BLOB [--format json]  decode a binary policy (aalint's or apparmor_parser's)\n"
    "       aalint diff A B                   do two binary policies grant the same? (exit 1 if not)\n"
    "       aalint rules                      list the lint rules\n"
    "       aalint codes                      list the error codes\n"
    "       aalint explain ID                 explain a lint rule or an error code\n";

std::string indent(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\n  ") : std::string(1, c);
  return out;
}

// `aalint rules`, `aalint codes` and `aalint explain ID`.
std::optional<int> documentationCommand(const std::vector<std::string>& args) {
  if (args.empty()) return std::nullopt;
  if (args[0] == "codes" && args.size() == 1) {
    for (const CodeDoc& doc : errorCodes()) std::cout << fmt::format("{:<30} {}\n", doc.code, doc.summary);
    return kExitClean;
  }
  if (args[0] == "dump") return dumpCommand({args.begin() + 1, args.end()});
  if (args[0] == "compile") return compileCommand({args.begin() + 1, args.end()});
  if (args[0] == "load" || args[0] == "replace" || args[0] == "remove") return kernelCommand(args[0], {args.begin() + 1, args.end()});
  if (args[0] == "diff") return diffCommand({args.begin() + 1, args.end()});
  if (args[0] == "rules" && args.size() == 1) {
    for (const auto& rule : lint::allLintRules()) {
      const lint::RuleInfo& info = rule->info();
      std::cout << fmt::format("{:<28} {:<8} {:<7} {}{}\n", info.id,
                               info.category == lint::Category::Security ? "security" : "hygiene",
                               severityName(info.severity), info.summary, info.enabledByDefault ? "" : " (off by default)");
    }
    return kExitClean;
  }
  if (args[0] == "explain" && args.size() == 2) {
    if (const lint::RuleInfo* info = lint::findRule(args[1])) {
      std::cout << fmt::format("{} ({}, {}{})\n\n{}\n\nWhy: {}\n\nReported:\n  {}\n\nInstead:\n  {}\n\nFix: {}\n", info->id,
                               info->category == lint::Category::Security ? "security" : "hygiene",
                               severityName(info->severity), info->enabledByDefault ? "" : ", off by default",
                               info->summary, info->rationale, indent(info->bad), indent(info->good), info->fix);
      return kExitClean;
    }
    const CodeDoc* doc = findCode(args[1]);
    if (!doc) {
      std::cerr << "aalint: unknown rule or code '" << args[1] << "'; 'aalint rules' and 'aalint codes' list them\n";
      return kExitUsage;
    }
    std::cout << doc->code << ": " << doc->summary << "\n";
    if (*doc->details) std::cout << "\n" << doc->details << "\n";
    return kExitClean;
  }
  return std::nullopt;
}

struct CommandLine {
  RunOptions run;
  std::vector<std::string> paths;
  std::string format = "text";
  std::string color = "auto";
  std::string failOn = "warning";
  bool failOnGiven = false;
  bool quiet = false;
};

bool wantColor(const std::string& setting) {
  if (setting == "always") return true;
  if (setting == "never") return false;
  const char* noColor = std::getenv("NO_COLOR");
  if (noColor && *noColor) return false;
  return ::isatty(STDOUT_FILENO) != 0;
}

Severity threshold(const std::string& name) {
  if (name == "error") return Severity::Error;
  if (name == "info") return Severity::Info;
  return Severity::Warning;
}

// Returns an exit status when the program should stop here (help, version, usage error).
std::optional<int> parseCommandLine(int argc, char** argv, CommandLine& cl) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (auto status = documentationCommand(args)) return *status;
  if (!args.empty() && args.front() == "check") {
    cl.run.mode = RunMode::Check;
    cl.failOn = "error";
    args.erase(args.begin());
  } else if (!args.empty() && args.front() == "lint") {
    args.erase(args.begin());  // what aalint does without a command, spelled out
  }
  std::size_t maxFileSize = cl.run.limits.maxFileBytes;
  bool showIncluded = false, noConfig = false;
  unsigned maxIncludeDepth = cl.run.elaboration.maxIncludeDepth;
  std::uint64_t maxAutomatonStates = cl.run.maxAutomatonStates;
  std::size_t maxRules = cl.run.elaboration.maxRules;
  std::size_t maxIncludes = cl.run.elaboration.maxIncludes;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help and exit")
      ("version", "show the version and exit")
      ("include,I", po::value<std::vector<std::string>>()->composing(), "add DIR to the include search path (repeatable)")
      ("base", po::value<std::string>(&cl.run.elaboration.searchPath.baseDir), "base directory of the search path (default /etc/apparmor.d)")
      ("format", po::value<std::string>(&cl.format), "output format: text, json, sarif or github (default text)")
      ("color", po::value<std::string>(&cl.color), "auto, always or never (default auto; honours NO_COLOR)")
      ("fail-on", po::value<std::string>(&cl.failOn), "lowest severity that makes the exit status 1: error, warning or info")
      ("quiet,q", po::bool_switch(&cl.quiet), "print diagnostics only, no summary")
      ("select", po::value<std::vector<std::string>>()->composing(), "run only these lint rules (ID[,ID...])")
      ("enable", po::value<std::vector<std::string>>()->composing(), "also run these lint rules (ID[,ID...])")
      ("disable", po::value<std::vector<std::string>>()->composing(), "do not run these lint rules (ID[,ID...])")
      ("show-included", po::bool_switch(&showIncluded), "also show findings inside included files")
      ("config", po::value<std::string>(), "read this configuration file instead of the nearest .aalint.toml")
      ("no-config", po::bool_switch(&noConfig), "ignore .aalint.toml files")
      ("jobs,j", po::value<unsigned>(&cl.run.jobs), "lint files on N threads (default: the number of cores)")
      ("max-file-size", po::value<std::size_t>(&maxFileSize), "largest file read, in bytes")
      ("max-include-depth", po::value<unsigned>(&maxIncludeDepth), "deepest include nesting")
      ("max-includes", po::value<std::size_t>(&maxIncludes), "files a file includes, once per profile")
      ("max-rules", po::value<std::size_t>(&maxRules), "rules placed in the profiles of a file, includes counted")
      ("max-automaton-states", po::value<std::uint64_t>(&maxAutomatonStates), "automaton states built per file, in all");
  po::options_description hidden;
  hidden.add_options()("path", po::value<std::vector<std::string>>(&cl.paths), "");
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("path", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "aalint: " << e.what() << "\n" << kUsage << "Try 'aalint --help'.\n";
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << kUsage << "\n" << visible << "\nExit status: 0 clean, 1 findings, 2 usage or input error.\n";
    return kExitClean;
  }
  if (vm.count("version")) {
    std::cout << "aalint " << AALINT_VERSION << "\n";
    return kExitClean;
  }
  if (vm.count("include")) cl.run.elaboration.searchPath.includeDirs = vm["include"].as<std::vector<std::string>>();
  auto ruleIds = [&](const char* option) {
    std::vector<std::string> ids;
    if (!vm.count(option)) return ids;
    for (const std::string& list : vm[option].as<std::vector<std::string>>()) {
      std::size_t start = 0;
      while (start <= list.size()) {
        std::size_t comma = list.find(',', start);
        std::string id = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!id.empty()) ids.push_back(id);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    return ids;
  };
  std::vector<std::string> unknown;
  auto known = [&](const std::vector<std::string>& ids) {
    for (const std::string& id : ids)
      if (!lint::findRule(id)) unknown.push_back(id);
    return ids;
  };
  LintOverrides& overrides = cl.run.overrides;
  if (vm.count("select")) {
    overrides.select.emplace();
    for (const std::string& id : known(ruleIds("select"))) overrides.select->insert(id);
  }
  for (const std::string& id : known(ruleIds("enable"))) overrides.enable.insert(id);
  for (const std::string& id : known(ruleIds("disable"))) overrides.disable.insert(id);
  if (showIncluded) overrides.showIncluded = true;
  if (vm.count("config")) cl.run.configPath = vm["config"].as<std::string>();
  if (noConfig) cl.run.useConfig = false;
  cl.failOnGiven = vm.count("fail-on") > 0;
  cl.run.limits.maxFileBytes = maxFileSize;
  cl.run.elaboration.maxIncludeDepth = maxIncludeDepth;
  cl.run.maxAutomatonStates = maxAutomatonStates;
  cl.run.elaboration.maxRules = maxRules;
  cl.run.elaboration.maxIncludes = maxIncludes;
  auto bad = [&](const std::string& message) {
    std::cerr << "aalint: " << message << "\n";
    return kExitUsage;
  };
  if (cl.run.jobs == 0) return bad("-j needs at least 1");
  if (cl.run.maxAutomatonStates == 0) return bad("--max-automaton-states needs at least 1");
  if (cl.run.elaboration.maxRules == 0) return bad("--max-rules needs at least 1");
  if (cl.run.elaboration.maxIncludes == 0) return bad("--max-includes needs at least 1");
  if (!unknown.empty()) return bad(fmt::format("unknown lint rule '{}'; 'aalint rules' lists them", unknown.front()));
  if (cl.paths.empty()) return bad(std::string("no input files\n") + kUsage);
  if (cl.color != "auto" && cl.color != "always" && cl.color != "never")
    return bad(fmt::format("--color must be auto, always or never, not '{}'", cl.color));
  if (cl.failOn != "error" && cl.failOn != "warning" && cl.failOn != "info")
    return bad(fmt::format("--fail-on must be error, warning or info, not '{}'", cl.failOn));
  bool knownFormat = false;
  for (const auto& name : formatNames()) knownFormat |= name == cl.format;
  if (!knownFormat) return bad(fmt::format("unknown --format '{}'; use text, json, sarif or github", cl.format));
  return std::nullopt;
}

int runCommandLine(int argc, char** argv) {
  CommandLine cl;
  cl.run.lint = defaultLintSelection();
  cl.run.jobs = std::max(1u, std::thread::hardware_concurrency());
  cl.run.keepPolicies = false;
  if (auto status = parseCommandLine(argc, argv, cl)) return *status;

  DiagnosticSink sink;
  ProgressLine progress;
  if (!cl.quiet)
    cl.run.progress = [&](const char* stage, std::size_t done, std::size_t total) { progress.update(stage, done, total); };
  // Left to the operating system at exit: freeing a large run's files and profiles one by one
  // would take a tenth of the run.
  RunResult& result = *new RunResult(run(cl.paths, cl.run, sink));
  progress.clear();
  sink.sort();
  sink.removeDuplicates();

  std::vector<Diagnostic> shown;
  for (const Diagnostic& d : sink.diagnostics())
    if (cl.run.mode != RunMode::Check || d.severity == Severity::Error) shown.push_back(d);

  Summary summary = summarize(shown, result.filesChecked);
  FormatOptions formatOptions;
  formatOptions.color = wantColor(cl.color);
  formatOptions.describe = [](const std::string& code) -> std::optional<CodeDescription> {
    if (const lint::RuleInfo* rule = lint::findRule(code))
      return CodeDescription{rule->summary, std::string(rule->rationale) + " Fix: " + rule->fix,
                             rule->category == lint::Category::Security ? "security" : "hygiene"};
    if (const CodeDoc* doc = findCode(code)) return CodeDescription{doc->summary, doc->details, "error"};
    return std::nullopt;
  };
  auto formatter = makeFormatter(cl.format, formatOptions);
  formatter->write(shown, summary, std::cout);
  std::cout.flush();
  if (!cl.quiet && cl.format == "text" && !shown.empty())
    std::cerr << fmt::format("{} error{}, {} warning{}, {} info in {} file{}\n", summary.errors,
                             summary.errors == 1 ? "" : "s", summary.warnings, summary.warnings == 1 ? "" : "s",
                             summary.infos, summary.files, summary.files == 1 ? "" : "s");

  if (result.inputError) return kExitUsage;
  // --fail-on wins over the configuration's fail-on; check fails on errors only.
  Severity failAt = threshold(cl.failOn);
  if (!cl.failOnGiven && cl.run.mode == RunMode::Lint && result.configFailOn) failAt = *result.configFailOn;
  for (const Diagnostic& d : shown)
    if (d.severity >= failAt) return kExitFindings;
  return kExitClean;
}

}  // namespace

int main(int argc, char** argv) {
  int status = runCommandLine(argc, argv);
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  // Everything aalint writes is complete here. Static destructors would only free the ANTLR
  // runtime's deserialized automata, a tenth of a small file's run; a conformance or pre-commit run
  // starts aalint once per file, so skip them.
  std::_Exit(status);
}
