#include "cli/policy_commands.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "backend/policy_decoder.h"
#include "backend/policy_compiler.h"
#include "backend/kernel_interface.h"
#include "backend/policy_diff.h"
#include "driver/run.h"
#include "output/formatter.h"
#include "support/atomic_file.h"
#include "ir/vocabulary.h"
#include "support/text.h"

namespace aalint {

namespace {

constexpr int kClean = 0, kFindings = 1, kUsage = 2;
constexpr std::size_t kMaxBlob = 256u << 20;

// Reads a regular file whole; an error message otherwise.
std::optional<std::string> readBlob(const std::string& path, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) > kMaxBlob) {
    error = S_ISREG(st.st_mode) ? "larger than 256 MiB" : "not a regular file";
    ::close(fd);
    return std::nullopt;
  }
  std::string data(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < data.size()) {
    ssize_t n = ::read(fd, &data[got], data.size() - got);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  data.resize(got);
  return data;
}

std::optional<backend::DecodedPolicy> load(const std::string& path) {
  std::string error;
  auto bytes = readBlob(path, error);
  if (!bytes) {
    std::cout << fmt::format("{}: error: cannot read: {} [input-error]\n", path, error);
    return std::nullopt;
  }
  backend::DecodedPolicy policy = backend::decodePolicy(*bytes);
  if (policy.error) {
    std::cout << fmt::format("{}: error: at byte {}: {} [policy-invalid]\n", path, policy.error->offset,
                             policy.error->message);
    return std::nullopt;
  }
  return policy;
}

const char* modeName(std::uint32_t mode) {
  static const char* const names[] = {"enforce", "complain", "kill", "unconfined"};
  return mode < 4 ? names[mode] : "unknown";
}

std::string capabilityList(std::uint64_t bits) {
  std::vector<std::string> names;
  for (unsigned i = 0; i < 64; ++i)
    if (bits >> i & 1) names.push_back(i < ir::capabilityNames().size() ? ir::capabilityNames()[i] : fmt::format("cap{}", i));
  return names.empty() ? "" : " (" + fmt::format("{}", fmt::join(names, " ")) + ")";
}

nlohmann::json dfaJson(const backend::DecodedDfa& d) {
  nlohmann::json accepting = nlohmann::json::array();
  for (std::uint32_t s = 0; s < d.tables.stateCount(); ++s)
    if (d.tables.accept(s) || d.tables.accept2(s))
      accepting.push_back({{"state", s}, {"accept", d.tables.accept(s)}, {"accept2", d.tables.accept2(s)}});
  return {{"role", backend::dfaRoleName(d.role)}, {"offset", d.offset}, {"states", d.tables.stateCount()},
          {"start", d.start}, {"transition_slots", d.tables.transitionSlots()},
          {"equivalence_classes", d.tables.hasEquivalenceClasses()}, {"accepting", accepting}};
}

nlohmann::json recordJson(const backend::DecodedRecord& r) {
  nlohmann::json dfas = nlohmann::json::array();
  for (const auto& d : r.dfas) dfas.push_back(dfaJson(d));
  nlohmann::json j = {{"offset", r.offset},          {"version", r.version},       {"namespace", r.ns},
                      {"name", r.name},              {"hat", r.hatFlag != 0},     {"mode", modeName(r.mode)},
                      {"audit", r.audit != 0},       {"caps_allow", r.caps[0]},   {"caps_audit", r.caps[1]},
                      {"caps_quiet", r.caps[2]},     {"xtable", r.xtable},        {"xattrs", r.xattrs},
                      {"dfas", dfas}};
  if (r.pathFlags) j["path_flags"] = *r.pathFlags;
  if (r.xmatchLength) j["attachment_length"] = *r.xmatchLength;
  if (r.rlimitMask) {
    j["rlimit_mask"] = *r.rlimitMask;
    j["rlimits"] = r.rlimits;
  }
  return j;
}

void dumpText(const backend::DecodedPolicy& policy) {
  for (std::size_t i = 0; i < policy.records.size(); ++i) {
    const auto& r = policy.records[i];
    std::cout << fmt::format("record {} at byte {}: {} '{}'{} (version 0x{:08x})\n", i + 1, r.offset,
                             r.hatFlag ? "hat" : "profile", r.name, r.ns.empty() ? "" : " in namespace '" + r.ns + "'",
                             r.version);
    std::cout << fmt::format("  mode {}{}\n", modeName(r.mode), r.audit ? ", audit" : "");
    if (r.pathFlags) std::cout << fmt::format("  path flags 0x{:x}\n", *r.pathFlags);
    std::cout << fmt::format("  capabilities allow 0x{:x}{}\n", r.caps[0], capabilityList(r.caps[0]));
    if (r.caps[1]) std::cout << fmt::format("  capabilities audit 0x{:x}{}\n", r.caps[1], capabilityList(r.caps[1]));
    if (r.caps[2]) std::cout << fmt::format("  capabilities quiet 0x{:x}{}\n", r.caps[2], capabilityList(r.caps[2]));
    if (r.xmatchLength) std::cout << fmt::format("  attachment match length {}\n", *r.xmatchLength);
    for (std::size_t k = 0; k < r.xattrs.size(); ++k)
      std::cout << fmt::format("  xattr[{}] {}\n", k, escapeNonPrintable(r.xattrs[k]));
    if (r.rlimitMask)
      for (std::size_t k = 0; k < r.rlimits.size(); ++k)
        if (*r.rlimitMask >> k & 1)
          std::cout << fmt::format("  rlimit {} <= {}\n", k < ir::rlimitNames().size() ? ir::rlimitNames()[k] : "?",
                                   r.rlimits[k]);
    for (std::size_t k = 0; k < r.xtable.size(); ++k)
      std::cout << fmt::format("  x-table[{}] {}\n", k, escapeNonPrintable(r.xtable[k]));
    for (const auto& d : r.dfas) {
      std::cout << fmt::format("  {} DFA at byte {}: {} states, start {}, {} transition slots{}{}\n",
                               backend::dfaRoleName(d.role), d.offset, d.tables.stateCount(), d.start,
                               d.tables.transitionSlots(), d.tables.hasEquivalenceClasses() ? ", equivalence classes" : "",
                               d.tables.flags() & backend::DfaTables::kOutOfBandHeaderFlag ? ", out-of-band transitions"
                                                                                           : "");
      for (std::uint32_t s = 0; s < d.tables.stateCount(); ++s)
        if (d.tables.accept(s) || d.tables.accept2(s))
          std::cout << fmt::format("    state {:>5}: accept 0x{:08x}  accept2 0x{:08x}\n", s, d.tables.accept(s),
                                   d.tables.accept2(s));
    }
  }
}

}  // namespace

// "\x0e\x00" and other C escapes -> bytes.
std::string unescape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() + 0 && text[i + 1] == 'x' && std::isxdigit(static_cast<unsigned char>(text[i + 2])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 3]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 2, 2), nullptr, 16));
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

// `aalint dump BLOB --input TEXT`: where TEXT leads in every DFA of the policy.
void runInput(const backend::DecodedPolicy& policy, const std::string& input) {
  for (const auto& r : policy.records)
    for (const auto& d : r.dfas) {
      std::uint32_t s = d.start;
      for (char c : input) s = d.tables.next(s, static_cast<std::uint8_t>(c));
      std::cout << fmt::format("{} {} DFA: state {}, accept 0x{:08x} accept2 0x{:08x}\n", r.name, backend::dfaRoleName(d.role), s,
                               d.tables.accept(s), d.tables.accept2(s));
    }
}

int dumpCommand(const std::vector<std::string>& args) {
  std::string format = "text";
  std::optional<std::string> input;
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--input" && i + 1 < args.size()) input = unescape(args[++i]);
    else if (args[i] == "--format" && i + 1 < args.size()) format = args[++i];
    else if (args[i].rfind("--format=", 0) == 0) format = args[i].substr(9);
    else paths.push_back(args[i]);
  }
  if (paths.size() != 1 || (format != "text" && format != "json")) {
    std::cerr << "usage: aalint dump BLOB [--format text|json] [--input TEXT]\n";
    return kUsage;
  }
  auto policy = load(paths[0]);
  if (!policy) return kUsage;
  if (input) {
    runInput(*policy, *input);
    return kClean;
  }
  if (format == "json") {
    nlohmann::json records = nlohmann::json::array();
    for (const auto& r : policy->records) records.push_back(recordJson(r));
    std::cout << nlohmann::json{{"version", 1}, {"records", records}}.dump(2, ' ', false,
                                                                            nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    dumpText(*policy);
  }
  return kClean;
}

struct CompileArguments {
  std::optional<std::string> output;
  bool toStdout = false;
  std::string featuresPath;
  std::string interfaceDir;
  bool binary = false;  // the paths are compiled policies, loaded as they are
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  RunOptions options;
  std::vector<std::string> paths;
};

// 0 for anything but a positive number: the caller refuses it.
std::uint64_t parseCount(const std::string& text) {
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoull(text);
}

unsigned parseJobs(const std::string& text) {
  std::uint64_t jobs = parseCount(text);
  return jobs > 9999 ? 0 : static_cast<unsigned>(jobs);
}

CompileArguments parseCompileArguments(const std::vector<std::string>& args) {
  CompileArguments c;
  c.options.mode = RunMode::Check;
  c.options.keepPolicies = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string { return i + 1 < args.size() ? args[++i] : std::string(); };
    if (a == "-o") c.output = value();
    else if (a == "-S") c.toStdout = true;
    else if (a == "--features-file") c.featuresPath = value();
    else if (a == "--interface") c.interfaceDir = value();
    else if (a == "-B" || a == "--binary") c.binary = true;
    else if (a == "-j" || a == "--jobs") c.jobs = parseJobs(value());
    else if (a.rfind("-j", 0) == 0 && a.size() > 2) c.jobs = parseJobs(a.substr(2));
    else if (a == "-I" || a == "--include") c.options.elaboration.searchPath.includeDirs.push_back(value());
    else if (a == "--base") c.options.elaboration.searchPath.baseDir = value();
    else if (a == "--max-automaton-states") c.options.maxAutomatonStates = parseCount(value());
    else if (a == "--max-rules") c.options.elaboration.maxRules = parseCount(value());
    else if (a == "--max-includes") c.options.elaboration.maxIncludes = parseCount(value());
    else c.paths.push_back(a);
  }
  if (c.featuresPath.empty()) {
    // The running kernel's features when it has AppArmor, else the Debian 12 kernel's, as
    // apparmor_parser does.
    struct stat st {};
    c.featuresPath = ::stat("/sys/kernel/security/apparmor/features", &st) == 0 ? "/sys/kernel/security/apparmor/features"
                                                                                : "/usr/share/apparmor-features/features";
  }
  return c;
}

// Compiles the paths, handing each file's policy to `emit` in the order of the files as soon as it
// and every file before it are compiled (so that a run holds little compiled policy at once);
// diagnostics on standard error. False, with the exit status, when a file has errors: whatever was
// emitted is then to be discarded.
bool compileInOrder(CompileArguments& c, int& status, const std::function<void(const std::string&)>& emit) {
  std::string& featuresPath = c.featuresPath;
  RunOptions& options = c.options;
  options.jobs = c.jobs;
  // Blocks of 128 KiB and more (the automata of large profiles, their position sets) are given back
  // to the system when freed: left to glibc, which raises the threshold after the first such free,
  // each thread's heap keeps them, and two threads compiling large profiles hold both.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  std::string error;
  auto features = backend::readFeatures(featuresPath, error);
  if (!features) {
    std::cerr << "aalint: " << error << "\n";
    status = kUsage;
    return false;
  }
  DiagnosticSink sink;
  // Each file is compiled as soon as it is checked, and its policy freed; a file with errors gives
  // no policy (and fails the run).
  std::map<std::size_t, std::optional<std::string>> waiting;
  std::size_t nextToEmit = 0;
  std::mutex orderMutex;
  auto emitReady = [&] {
    for (auto it = waiting.begin(); it != waiting.end() && it->first == nextToEmit; it = waiting.erase(it), ++nextToEmit)
      if (it->second) emit(*it->second);
  };
  options.whenChecked = [&](std::size_t file, const ir::Policy& policy, bool clean, DiagnosticSink& about) {
    std::optional<std::string> bytes;
    if (clean) bytes = backend::compilePolicy(policy, *features, about, options.maxAutomatonStates);
    std::lock_guard<std::mutex> lock(orderMutex);
    waiting.emplace(file, std::move(bytes));
    emitReady();
  };
  RunResult result = run(c.paths, options, sink);
  if (sink.count(Severity::Error) == 0)
    for (auto& [file, bytes] : waiting)  // behind a file that gave no policy to wait for
      if (bytes) emit(*bytes);
  sink.sort();
  sink.removeDuplicates();
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : sink.diagnostics())
    if (d.severity == Severity::Error) errors.push_back(d);
  if (!errors.empty()) {
    makeFormatter("text", {})->write(errors, summarize(errors, result.filesChecked), std::cerr);
    status = result.inputError ? kUsage : kFindings;
    return false;
  }
  return true;
}

// The whole compiled policy in memory, for the kernel.
std::optional<std::string> compileToBlob(CompileArguments& c, int& status) {
  std::string blob;
  if (!compileInOrder(c, status, [&](const std::string& bytes) { blob += bytes; })) return std::nullopt;
  return blob;
}

// -o: a file that appears whole; -S: standard output, which gets the policy only once every file
// compiled, held until then in an anonymous temporary file.
int compileToOutput(CompileArguments& c) {
  int status = kClean;
  std::optional<AtomicFile> file;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> spool(nullptr, std::fclose);
  if (c.output)
    file.emplace(*c.output);
  else
    spool.reset(std::tmpfile());
  std::optional<std::string> writeError;
  if (!c.output && !spool) writeError = std::string("no temporary file: ") + std::strerror(errno);
  auto emit = [&](const std::string& bytes) {
    if (writeError) return;
    if (file)
      writeError = file->append(bytes);
    else if (std::fwrite(bytes.data(), 1, bytes.size(), spool.get()) != bytes.size())
      writeError = std::strerror(errno);
  };
  if (!compileInOrder(c, status, emit)) return status;
  if (!writeError && file) writeError = file->commit();
  if (!writeError && spool) {
    std::rewind(spool.get());
    char buffer[1 << 16];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, spool.get())) > 0;) std::cout.write(buffer, n);
    std::cout.flush();
    if (std::ferror(spool.get()) || !std::cout) writeError = "cannot copy the policy to standard output";
  }
  if (writeError) {
    std::cerr << fmt::format("aalint: cannot write {}: {}\n", c.output ? *c.output : "the policy", *writeError);
    return kUsage;
  }
  return kClean;
}

int compileCommand(const std::vector<std::string>& args) {
  CompileArguments c = parseCompileArguments(args);
  if (c.paths.empty() || (!c.output && !c.toStdout) || (c.output && c.toStdout) || c.jobs == 0 ||
      c.options.maxAutomatonStates == 0 || c.options.elaboration.maxRules == 0 ||
      c.options.elaboration.maxIncludes == 0) {
    std::cerr << "usage: aalint compile (-o FILE | -S) [-j N] [--features-file F] [-I DIR] [--max-includes N]\n"
                 "                      [--max-rules N] [--max-automaton-states N] PATH...\n";
    return kUsage;
  }
  return compileToOutput(c);
}

// The policy to hand the kernel: the compiled paths, or with --binary the blobs as they are.
std::optional<std::string> policyForKernel(CompileArguments& c, int& status) {
  if (!c.binary) return compileToBlob(c, status);
  std::string policy;
  for (const std::string& path : c.paths) {
    std::string error;
    auto bytes = readBlob(path, error);
    if (!bytes) {
      std::cerr << fmt::format("aalint: cannot read {}: {}\n", path, error);
      status = kUsage;
      return std::nullopt;
    }
    policy += *bytes;
  }
  return policy;
}

int kernelCommand(const std::string& verb, const std::vector<std::string>& args) {
  CompileArguments c = parseCompileArguments(args);
  if (c.paths.empty()) {
    std::cerr << "usage: aalint " << verb
              << (verb == "remove" ? " [--interface DIR] NAME...\n"
                                   : " [--interface DIR] [--features-file F] [-I DIR] PATH...\n"
                                     "       aalint " + verb + " --binary [--interface DIR] BLOB...\n");
    return kUsage;
  }
  if (verb == "remove") {
    for (const std::string& name : c.paths)
      if (auto problem = backend::kernelAction(backend::KernelAction::Remove, name, c.featuresPath, c.interfaceDir)) {
        std::cerr << fmt::format("aalint: cannot remove '{}': {}\n", name, *problem);
        return kFindings;
      }
    return kClean;
  }
  int status = kClean;
  auto policy = policyForKernel(c, status);
  if (!policy) return status;
  auto action = verb == "load" ? backend::KernelAction::Load : backend::KernelAction::Replace;
  if (auto problem = backend::kernelAction(action, *policy, c.featuresPath, c.interfaceDir)) {
    std::cerr << fmt::format("aalint: cannot {} the policy: {}\n", verb, *problem);
    return kFindings;
  }
  return kClean;
}

int diffCommand(std::vector<std::string> args) {
  // --sizes: also an automaton of B larger than A's counterpart is a difference.
  auto sizes = std::find(args.begin(), args.end(), "--sizes");
  const bool compareSizes = sizes != args.end();
  if (compareSizes) args.erase(sizes);
  if (args.size() != 2) {
    std::cerr << "usage: aalint diff [--sizes] A B\n";
    return kUsage;
  }
  auto a = load(args[0]);
  auto b = load(args[1]);
  if (!a || !b) return kUsage;
  auto differences = backend::diffPolicies(*a, *b);
  if (compareSizes)
    for (auto& larger : backend::largerAutomata(*a, *b)) differences.push_back(std::move(larger));
  if (differences.empty()) {
    std::cout << fmt::format("{} and {} grant the same: {} profile record{}\n", args[0], args[1], a->records.size(),
                             a->records.size() == 1 ? "" : "s");
    return kClean;
  }
  for (const auto& d : differences) std::cout << fmt::format("{}: {}: {}\n", d.profile, d.what, d.detail);
  return kFindings;
}

}  // namespace aalint
