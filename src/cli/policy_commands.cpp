#include "cli/policy_commands.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "backend/policy_decoder.h"
#include "backend/policy_diff.h"
#include "checks/vocabulary.h"
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
    if (bits >> i & 1) names.push_back(i < checks::capabilityNames().size() ? checks::capabilityNames()[i] : fmt::format("cap{}", i));
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
    if (r.rlimitMask)
      for (std::size_t k = 0; k < r.rlimits.size(); ++k)
        if (*r.rlimitMask >> k & 1)
          std::cout << fmt::format("  rlimit {} <= {}\n", k < checks::rlimitNames().size() ? checks::rlimitNames()[k] : "?",
                                   r.rlimits[k]);
    for (std::size_t k = 0; k < r.xtable.size(); ++k)
      std::cout << fmt::format("  x-table[{}] {}\n", k, escapeNonPrintable(r.xtable[k]));
    for (const auto& d : r.dfas) {
      std::cout << fmt::format("  {} DFA at byte {}: {} states, start {}, {} transition slots{}\n",
                               backend::dfaRoleName(d.role), d.offset, d.tables.stateCount(), d.start,
                               d.tables.transitionSlots(), d.tables.hasEquivalenceClasses() ? ", equivalence classes" : "");
      for (std::uint32_t s = 0; s < d.tables.stateCount(); ++s)
        if (d.tables.accept(s) || d.tables.accept2(s))
          std::cout << fmt::format("    state {:>5}: accept 0x{:08x}  accept2 0x{:08x}\n", s, d.tables.accept(s),
                                   d.tables.accept2(s));
    }
  }
}

}  // namespace

int dumpCommand(const std::vector<std::string>& args) {
  std::string format = "text";
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format" && i + 1 < args.size()) format = args[++i];
    else if (args[i].rfind("--format=", 0) == 0) format = args[i].substr(9);
    else paths.push_back(args[i]);
  }
  if (paths.size() != 1 || (format != "text" && format != "json")) {
    std::cerr << "usage: aalint dump BLOB [--format text|json]\n";
    return kUsage;
  }
  auto policy = load(paths[0]);
  if (!policy) return kUsage;
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

int diffCommand(const std::vector<std::string>& args) {
  if (args.size() != 2) {
    std::cerr << "usage: aalint diff A B\n";
    return kUsage;
  }
  auto a = load(args[0]);
  auto b = load(args[1]);
  if (!a || !b) return kUsage;
  auto differences = backend::diffPolicies(*a, *b);
  if (differences.empty()) {
    std::cout << fmt::format("{} and {} grant the same: {} profile record{}\n", args[0], args[1], a->records.size(),
                             a->records.size() == 1 ? "" : "s");
    return kClean;
  }
  for (const auto& d : differences) std::cout << fmt::format("{}: {}: {}\n", d.profile, d.what, d.detail);
  return kFindings;
}

}  // namespace aalint
