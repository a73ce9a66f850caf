#include "backend/policy_compiler.h"

#include <fcntl.h>
#include <sys/apparmor.h>

#include <atomic>
#include <cinttypes>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "backend/file_accept.h"
#include "backend/mount_encoding.h"
#include "backend/policy_writer.h"
#include "engine/dfa.h"
#include "engine/glob.h"
#include "ir/class_rule_parts.h"
#include "frontend/variables.h"
#include "ir/file_permissions.h"
#include "ir/vocabulary.h"

namespace aalint::backend {

namespace {

constexpr std::uint32_t kPolicyMarker = 0x4;           // AA_MAY_READ on a class byte: "mediated"
constexpr std::uint32_t kNetworkPermissions = 0x1fc076;  // map_perms(AA_VALID_NET_PERMS)

struct FeaturesDeleter {
  void operator()(aa_features* f) const { aa_features_unref(f); }
};

class ProfileCompiler {
public:
  ProfileCompiler(const ir::Policy& policy, const CompileFeatures& features, DiagnosticSink& sink)
      : policy_(policy), features_(features), sink_(sink) {}

  void compile(const ir::ProfileInstance& profile, StreamWriter& out) {
    // The variables the profile's rules see: the policy's, plus @{profile_name}.
    ruleVariables_ = policy_.variables;
    ruleVariables_->setProfileContext(profile.name, std::nullopt);
    out.beginRecord();
    out.name("version");
    out.u32(versionWord());
    auto [ns, name] = splitNamespace(policy_.variables.expand(profile.name).text);  // as apparmor_parser names it
    if (ns) {
      out.name("namespace");
      out.string(*ns);
    }
    out.name("profile");
    out.structBegin();
    out.string(name);
    attachment(profile, out);
    flags(profile, out);
    capabilities(profile, out);
    rlimits(profile, out);
    std::vector<std::string> xtable;
    std::string fileDfa = fileRules(profile, xtable);
    std::string policyDb = policyRules(profile);
    out.name("policydb");
    out.structBegin();
    out.name("aadfa");
    out.dfaBlob(policyDb);
    out.structEnd();
    if (!fileDfa.empty()) {
      out.name("aadfa");
      out.dfaBlob(fileDfa);
    }
    if (!xtable.empty()) {
      out.name("xtable");
      out.structBegin();
      out.arrayBegin(static_cast<std::uint16_t>(xtable.size()));
      for (const std::string& entry : xtable) out.string(entry);
      out.arrayEnd();
      out.structEnd();
    }
    out.structEnd();
    for (const auto& child : profile.children) compile(*child, out);
  }

private:
  std::uint32_t versionWord() const { return features_.abi <= 5 ? 5u : 0x00202000u | features_.abi; }

  static bool hasPattern(const std::string& text) { return text.find_first_of("*?[{") != std::string::npos; }

  void error(const ir::ProfileInstance& profile, const SourceRange& range, const IncludeChain& chain, std::string message) {
    sink_.report(makeDiagnostic(Severity::Error, "compile-unsupported", range, chain, std::move(message), profile.name));
  }
  void unsupported(const ir::ProfileInstance& profile, const SourceRange& range, const std::string& what) {
    error(profile, range, profile.chain, fmt::format("aalint compile does not encode {} yet", what));
  }

  // How many characters an attachment matches before its first wildcard, the shortest way: the
  // kernel prefers the attachment with the longest such prefix. An alternation counts its shortest
  // branch, and stops the count if any branch reaches a wildcard (apparmor_parser 3.0.8's measure).
  struct PrefixLength {
    std::size_t length = 0;
    bool stopped = false;
  };
  static PrefixLength literalPrefixLength(const std::string& glob, std::size_t from, std::size_t* end = nullptr,
                                          bool inAlternation = false) {
    PrefixLength total;
    std::size_t i = from;
    while (i < glob.size()) {
      char c = glob[i];
      if (inAlternation && (c == ',' || c == '}')) break;
      if (c == '\\' && i + 1 < glob.size()) {
        if (!total.stopped) ++total.length;
        i += 2;
      } else if (c == '?' || c == '[') {
        // One character counts; '?' and a negated class end the literal prefix, a plain class does
        // not (apparmor_parser 3.0.8, checked on its own test profiles).
        if (!total.stopped) ++total.length;
        if (c == '?' || (i + 1 < glob.size() && glob[i + 1] == '^')) total.stopped = true;
        if (c == '[') {
          while (i < glob.size() && glob[i] != ']') ++i;
        }
        ++i;
      } else if (c == '*') {
        // A whole-component '*' or '**' needs one character, which counts; then the prefix ends.
        std::size_t run = i;
        while (run < glob.size() && glob[run] == '*') ++run;
        bool wholeComponent = i > 0 && glob[i - 1] == '/' && (run == glob.size() || glob[run] == '/');
        if (!total.stopped && wholeComponent) ++total.length;
        total.stopped = true;
        i = run;
      } else if (c == '{') {
        std::optional<PrefixLength> shortest;
        bool anyStopped = false;
        ++i;
        for (;;) {
          std::size_t branchEnd = i;
          PrefixLength branch = literalPrefixLength(glob, i, &branchEnd, true);
          anyStopped |= branch.stopped;
          if (!shortest || branch.length < shortest->length) shortest = branch;
          i = branchEnd;
          if (i >= glob.size() || glob[i] == '}') break;
          ++i;  // ','
        }
        ++i;  // '}'
        if (!total.stopped) total.length += shortest ? shortest->length : 0;
        total.stopped = total.stopped || anyStopped;
      } else {
        if (!total.stopped) ++total.length;
        ++i;
      }
    }
    if (end) *end = i;
    return total;
  }

  // ":ns:name" or ":ns://name" → (ns, name).
  static std::pair<std::optional<std::string>, std::string> splitNamespace(const std::string& name) {
    if (name.size() < 2 || name[0] != ':') return {std::nullopt, name};
    auto close = name.find(':', 1);
    if (close == std::string::npos) return {std::nullopt, name};
    std::string rest = name.substr(close + 1);
    if (rest.rfind("//", 0) == 0) rest = rest.substr(2);
    return {name.substr(1, close - 1), rest};
  }

  // The attachment DFA: written for an explicit attachment, or for a name that is a pattern. Its
  // accepting states allow exec; the length is that of the shortest path it matches, which the
  // kernel uses to prefer the most specific attachment.
  void attachment(const ir::ProfileInstance& profile, StreamWriter& out) {
    const ir::Profile& declaration = *profile.declaration;
    for (const ir::Condition& c : declaration.conditions)
      if (c.name.text == "xattrs") {
        unsupported(profile, c.range, "xattrs attachment conditions");
        return;
      }
    std::string glob;
    if (declaration.attachment) {
      glob = engine::filterSlashes(policy_.variables.expand(declaration.attachment->text).text);
    } else if (profile.parent == nullptr) {
      // A name attaches when it is a pattern once its variables are expanded; names are not slash-filtered.
      glob = splitNamespace(policy_.variables.expand(declaration.name.text).text).second;
      if (!hasPattern(glob)) return;
    } else {
      return;
    }
    engine::GlobResult converted = engine::convertGlob(glob);
    engine::DfaBuilder builder(65535);
    if (!converted.converted || builder.addRegex(converted.converted->regex, 0)) {
      unsupported(profile, declaration.name.range, fmt::format("the attachment '{}'", glob));
      return;
    }
    std::string tables = pack(builder, profile, [&](const engine::Dfa& dfa, std::uint32_t state) {
      return std::make_pair(dfa.accepts(state).empty() ? 0u : 0x1u, 0u);
    });
    if (tables.empty()) return;
    out.name("aadfa");
    out.dfaBlob(tables);
    out.u32(static_cast<std::uint32_t>(literalPrefixLength(glob, 0).length));
  }

  void flags(const ir::ProfileInstance& profile, StreamWriter& out) {
    std::uint32_t mode = 0, audit = 0;
    std::optional<std::uint32_t> pathFlags;
    static const std::map<std::string, std::uint32_t> modes = {{"complain", 1}, {"kill", 2}, {"unconfined", 3}};
    static const std::map<std::string, std::uint32_t> paths = {
        {"attach_disconnected", 0x4}, {"chroot_relative", 0x8}, {"chroot_attach", 0x10}, {"mediate_deleted", 0x10000},
        {"delegate_deleted", 0},      {"chroot_no_attach", 0},  {"no_attach_disconnected", 0}, {"namespace_relative", 0}};
    for (const ir::Condition& c : profile.declaration->conditions) {
      if (c.name.text != "flags") continue;
      for (const ir::Word& w : c.values) {
        if (auto m = modes.find(w.text); m != modes.end()) mode = m->second;
        else if (w.text == "audit") audit = 1;
        else if (auto p = paths.find(w.text); p != paths.end()) pathFlags = pathFlags.value_or(0) | p->second;
        else if (w.text != "enforce")
          unsupported(profile, w.range, fmt::format("the profile flag '{}'", w.text));
      }
      for (const ir::Condition& n : c.nested) unsupported(profile, n.range, fmt::format("the profile flag '{}='", n.name.text));
    }
    out.name("flags");
    out.structBegin();
    out.u32(profile.hat ? 1 : 0);
    out.u32(mode);
    out.u32(audit);
    out.structEnd();
    if (pathFlags) {
      out.name("path_flags");
      out.u32(*pathFlags);
    }
  }

  void capabilities(const ir::ProfileInstance& profile, StreamWriter& out) {
    const std::vector<std::string>& names = ir::capabilityNames();
    std::uint64_t allow = 0, deny = 0, audit = 0, quiet = 0;
    for (const ir::PlacedRule& placed : profile.rules) {
      if (placed.rule->ruleKind != ir::RuleKind::Capability) continue;
      std::uint64_t bits = 0;
      const auto& rule = static_cast<const ir::CapabilityRule&>(*placed.rule);
      // A bare `capability,` grants every bit, including capabilities newer than this build knows.
      if (rule.names.empty()) bits = ~std::uint64_t{0};
      for (const ir::Word& n : rule.names)
        for (std::size_t i = 0; i < names.size(); ++i)
          if (names[i] == n.text) bits |= std::uint64_t{1} << i;
      if (placed.qualifiers.deny) {
        deny |= bits;
        if (!placed.qualifiers.audit) quiet |= bits;
      } else {
        allow |= bits;
        if (placed.qualifiers.audit) audit |= bits;
      }
    }
    std::uint64_t words[3] = {allow & ~deny, allow & ~deny & audit, deny & quiet};
    for (std::uint64_t w : words) out.u32(static_cast<std::uint32_t>(w));
    out.u32(0);
    out.name("caps64");
    out.structBegin();
    for (std::uint64_t w : words) out.u32(static_cast<std::uint32_t>(w >> 32));
    out.u32(0);
    out.structEnd();
  }

  void rlimits(const ir::ProfileInstance& profile, StreamWriter& out) {
    static const std::vector<std::string> names = {"cpu",   "fsize",  "data",       "stack",    "core", "rss",
                                                   "nproc", "nofile", "memlock",    "as",       "locks", "sigpending",
                                                   "msgqueue", "nice", "rtprio",    "rttime"};
    std::uint32_t mask = 0;
    std::vector<std::uint64_t> values(16, 0);
    for (const ir::PlacedRule& placed : profile.rules) {
      if (placed.rule->ruleKind != ir::RuleKind::Rlimit) continue;
      ir::ClassRuleParts parts = ir::splitClassRule(static_cast<const ir::ClassRule&>(*placed.rule), {});
      if (parts.words.size() < 2) continue;
      std::string resource = parts.words[0]->text == "ofile" ? "nofile" : parts.words[0]->text;
      std::string value = parts.words[1]->text;
      if (parts.words.size() > 2) value += parts.words[2]->text;
      auto index = std::find(names.begin(), names.end(), resource) - names.begin();
      if (static_cast<std::size_t>(index) >= names.size()) continue;
      auto parsed = limitValue(resource, value);
      if (!parsed) {
        unsupported(profile, placed.rule->range, fmt::format("the rlimit value '{}'", value));
        continue;
      }
      mask |= 1u << index;
      values[static_cast<std::size_t>(index)] = *parsed;
    }
    if (!mask) return;
    out.name("rlimits");
    out.structBegin();
    out.u32(mask);
    out.arrayBegin(16);
    for (std::uint64_t v : values) out.u64(v);
    out.arrayEnd();
    out.structEnd();
  }

  static std::optional<std::uint64_t> limitValue(const std::string& resource, const std::string& text) {
    if (text == "infinity") return UINT64_MAX;
    std::size_t digits = 0;
    bool negative = !text.empty() && text[0] == '-';
    while (negative + digits < text.size() && std::isdigit(static_cast<unsigned char>(text[negative + digits]))) ++digits;
    if (!digits) return std::nullopt;
    long long number = std::stoll(text.substr(0, negative + digits));
    std::string unit = text.substr(negative + digits);
    // The kernel stores nice as 20 + the value: -20..19 becomes 0..39.
    if (resource == "nice") return unit.empty() ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(20 + number)) : std::nullopt;
    if (negative) return std::nullopt;
    auto value = static_cast<std::uint64_t>(number);
    if (unit.empty()) return value;
    static const std::map<std::string, std::uint64_t> sizes = {{"K", 1ull << 10}, {"KB", 1ull << 10}, {"M", 1ull << 20},
                                                               {"MB", 1ull << 20}, {"G", 1ull << 30}, {"GB", 1ull << 30}};
    if (auto s = sizes.find(unit); s != sizes.end()) return value * s->second;
    return std::nullopt;  // time units: not encoded yet
  }

  // ---- the file DFA ----

  std::string fileRules(const ir::ProfileInstance& profile, std::vector<std::string>& xtable) {
    std::vector<FileContribution> contributions;
    engine::DfaBuilder builder(65535);
    auto addParsedRegex = [&](const std::string& regex, FileContribution c) {
      engine::RegexParse parsed = engine::parseRegex(regex, builder.tree());
      if (parsed.error) return false;
      c.exact = builder.tree().isExact(parsed.root);
      builder.add(parsed.root, static_cast<std::uint32_t>(contributions.size()));
      contributions.push_back(c);
      return true;
    };
    auto addRegex = [&](const std::string& glob, const std::string& suffix, FileContribution c) {
      engine::GlobResult converted = engine::convertGlob(engine::filterSlashes(glob));
      return converted.converted && addParsedRegex(converted.converted->regex + suffix, c);
    };
    auto add = [&](const std::string& glob, FileContribution c) { return addRegex(glob, "", c); };
    bool changesProfile = false;
    for (const ir::PlacedRule& placed : profile.rules) {
      if (placed.rule->ruleKind == ir::RuleKind::ChangeProfile) {
        changesProfile = true;
        for (auto& [regex, c] : changeProfileContributions(placed)) addParsedRegex(regex, c);
        continue;
      }
      if (placed.rule->ruleKind == ir::RuleKind::Link) {
        // link [subset] A -> B: A with link, and the pair A NUL B with link (and, for subset, the
        // owner half's subset bit).
        bool owner = !placed.qualifiers.other, other = !placed.qualifiers.owner;
        FileContribution path, pair;
        path.deny = pair.deny = placed.qualifiers.deny;
        path.mode = (owner ? filebits::Link : 0) | (other ? filebits::Link << filebits::OtherShift : 0);
        bool subset = static_cast<const ir::LinkRule&>(*placed.rule).subset;
        pair.mode = (owner ? filebits::Link | (subset ? filebits::Lock : 0) : 0) |
                    (other ? filebits::Link << filebits::OtherShift : 0);
        if (pair.deny && !placed.qualifiers.audit) pair.quiet = path.mode;
        engine::GlobResult target = engine::convertGlob(engine::filterSlashes(placed.target));
        if (!target.converted) continue;
        if (!path.deny) add(placed.path, path);
        addRegex(placed.path, "\\x00" + target.converted->regex, pair);
        continue;
      }
      if (placed.rule->ruleKind != ir::RuleKind::File) continue;
      const auto& rule = static_cast<const ir::FileRule&>(*placed.rule);
      if (!rule.path || !rule.permissions) {
        if (!placed.qualifiers.deny) unsupported(profile, placed.rule->range, "bare file rules");
        continue;
      }
      ir::FilePermissions perms = ir::parseFilePermissions(rule.permissions->text);
      if (perms.link && rule.execTarget) {
        unsupported(profile, placed.rule->range, "link targets in file rules");
        continue;
      }
      std::uint32_t xindex = 0;
      bool unsafe = false;
      if (perms.exec) {
        using T = ir::ExecMode::Transition;
        unsafe = (perms.exec->unsafe || placed.qualifiers.unsafe) && !placed.qualifiers.safe;
        T t = perms.exec->transition;
        xindex = t == T::Unconfined ? 1 : t == T::Profile ? 2 : t == T::Child ? 3 : 0;
        if (rule.execTarget && t != T::Inherit) {
          // apparmor_parser 3.0.8 writes exec targets as written, variables unexpanded.
          std::string target = rule.execTarget->text;
          if (t == T::Child) target = topName(profile) + "//" + target;
          auto at = std::find(xtable.begin(), xtable.end(), target);
          if (at == xtable.end()) {
            if (xtable.size() >= 12) {
              unsupported(profile, placed.rule->range, "more than 12 named exec targets in one profile");
              continue;
            }
            xtable.push_back(target);
            at = xtable.end() - 1;
          }
          xindex = 4 + static_cast<std::uint32_t>(at - xtable.begin());
        }
      }
      std::uint32_t half = halfMode(perms, unsafe, xindex);
      bool owner = !placed.qualifiers.other, other = !placed.qualifiers.owner;
      FileContribution c;
      c.deny = placed.qualifiers.deny;
      c.mode = (owner ? half : 0) | (other ? half << filebits::OtherShift : 0);
      std::uint32_t auditable = c.mode & (filebits::AuditableMask | filebits::AuditableMask << filebits::OtherShift);
      // A quiet deny is silenced; an audited deny is logged by default, so it sets no bit at all.
      // Link permission is never quieted (its deny is carried by the link pair).
      if (c.deny && !placed.qualifiers.audit) c.quiet = auditable & ~(filebits::Link | filebits::Link << filebits::OtherShift);
      if (!c.deny && placed.qualifiers.audit) c.audit = auditable;
      // A deny does not take link away from the path alone: both halves of the link pair must
      // match, and the pair below carries the denial.
      if (c.deny) c.mode &= ~(filebits::Link | filebits::Link << filebits::OtherShift);
      if (!c.deny || c.mode) add(placed.path, c);
      if (perms.link) {
        // The link pair: path, NUL, link target (any path when none is named). An allow grants link
        // and, in the owner half, subset; a deny takes link away (and quiets it), but only when it
        // denies something besides link, as apparmor_parser does.
        FileContribution pair;
        pair.deny = c.deny;
        pair.mode = (owner ? filebits::Link | filebits::Lock : 0) | (other ? filebits::Link << filebits::OtherShift : 0);
        if (c.deny && !placed.qualifiers.audit)
          pair.quiet = (owner ? filebits::Link : 0) | (other ? filebits::Link << filebits::OtherShift : 0);
        bool otherBits = (half & ~filebits::Link) != 0;
        if (!c.deny || otherBits) addRegex(placed.path, "\\x00/[^/].*", pair);
      }
    }
    // What apparmor_parser adds so that a profile can see whether AppArmor is on and change its
    // own label: for change_profile, attr/current and attr/exec; for hats and profiles with
    // children, attr/current (owner half only).
    bool changesHat = !profile.children.empty() || profile.hat;
    if (changesProfile || changesHat) {
      FileContribution read, write;
      read.mode = filebits::Read;
      write.mode = filebits::Write;
      add("/proc/*/attr/apparmor/", read);
      add("/sys/module/apparmor/parameters/enabled", read);
      if (changesProfile) add("/proc/*/attr/{apparmor/,}{current,exec}", write);
      if (changesHat) add("/proc/[0-9]*/attr/{apparmor/,}current", write);
    }
    if (contributions.empty()) return {};
    return pack(builder, profile, [&](const engine::Dfa& dfa, std::uint32_t state) {
      std::vector<const FileContribution*> here;
      for (std::uint32_t id : dfa.accepts(state)) here.push_back(&contributions[id]);
      FileAccept merged = mergeFileContributions(here);
      return std::make_pair(merged.accept, merged.accept2);
    });
  }

  // change_profile [safe|unsafe] [EXEC] [-> TARGET]: the target may be changed to now or on exec
  // (the default target is any profile); the program may be exec'ed under a changed profile (any
  // program when none is named); and the pair EXEC NUL TARGET allows the change on exec (and grants
  // exec itself when a program is named).
  std::vector<std::pair<std::string, FileContribution>> changeProfileContributions(const ir::PlacedRule& placed) {
    ir::ClassRuleParts parts = ir::splitClassRule(static_cast<const ir::ClassRule&>(*placed.rule), {});
    std::size_t i = 0;
    bool unsafe = false;
    if (i < parts.words.size() && !parts.words[i]->quoted &&
        (parts.words[i]->text == "safe" || parts.words[i]->text == "unsafe"))
      unsafe = parts.words[i++]->text == "unsafe";
    std::optional<std::string> target = globRegex(parts.arrowTarget ? parts.arrowTarget->text : "**", false);
    std::optional<std::string> exec = i < parts.words.size() ? globRegex(parts.words[i]->text, true)
                                                             : std::optional<std::string>("/[^/\\x00][^\\x00]*");
    if (!target || !exec) return {};
    FileContribution onTarget, onExec, pair;
    onTarget.deny = onExec.deny = pair.deny = placed.qualifiers.deny;
    onTarget.mode = filebits::ChangeProfile | filebits::OnExec;
    onExec.mode = filebits::OnExec;
    pair.mode = filebits::OnExec;
    if (i < parts.words.size()) {
      std::uint32_t execHalf = filebits::Exec | (unsafe ? filebits::Unsafe : 0);
      pair.mode |= execHalf | execHalf << filebits::OtherShift;
    }
    return {{*target, onTarget}, {*exec, onExec}, {*exec + "\\x00" + *target, pair}};
  }

  // The regex of a glob as a rule of the profile being compiled wrote it: variables expanded
  // (@{profile_name} too), slashes filtered for paths (not for profile names).
  std::optional<std::string> globRegex(const std::string& text, bool path) {
    std::string expanded = ruleVariables_->expand(text).text;
    engine::GlobResult g = engine::convertGlob(path ? engine::filterSlashes(expanded) : expanded);
    if (!g.converted) return std::nullopt;
    return g.converted->regex;
  }

  static std::string topName(const ir::ProfileInstance& profile) {
    const ir::ProfileInstance* top = &profile;
    while (top->parent) top = top->parent;
    return top->name;
  }

  // Builds, minimizes and packs an automaton whose accept values `value` computes from a state.
  std::string pack(engine::DfaBuilder& builder, const ir::ProfileInstance& profile,
                   const std::function<std::pair<std::uint32_t, std::uint32_t>(const engine::Dfa&, std::uint32_t)>& value) {
    std::optional<engine::Dfa> dfa = builder.build();
    if (!dfa) {
      unsupported(profile, profile.declaration->header, "a profile whose DFA exceeds 65,535 states");
      return {};
    }
    // The empty string grants nothing: apparmor_parser never gives the start state permissions
    // (a change_profile target of '**' does not match the empty name).
    auto valueOf = [&](std::uint32_t s) {
      return s == dfa->start() ? std::make_pair(0u, 0u) : value(*dfa, s);
    };
    dfa->minimize([&](std::uint32_t s) {
      auto [a, b] = valueOf(s);
      return (static_cast<std::uint64_t>(a) << 32) | b;
    });
    return packTables(*dfa, valueOf);
  }

  // ---- the policy DB ----

  std::string policyRules(const ir::ProfileInstance& profile) {
    struct Value {
      std::uint32_t perms;
      bool deny;
      bool quiet;
      bool audit;
      std::uint32_t alwaysAudited = 0;  // audit bits set whatever the qualifiers (mount's "match data")
    };
    std::vector<Value> values;  // per expression
    engine::DfaBuilder builder(65535);
    auto addRule = [&](const std::string& regex, std::uint32_t perms, const ir::PlacedRule* placed,
                       std::uint32_t alwaysAudited = 0) {
      builder.addRegex(regex, static_cast<std::uint32_t>(values.size()));
      bool deny = placed && placed->qualifiers.deny;
      bool audit = placed && placed->qualifiers.audit;
      values.push_back({perms, deny, deny && !audit, !deny && audit, deny ? 0 : alwaysAudited});
    };
    auto add = [&](const std::string& regex, std::uint32_t perms) { addRule(regex, perms, nullptr); };
    if (features_.abi > 5) add("\\x02", kPolicyMarker);
    if (features_.mount) add("\\x07", kPolicyMarker);
    if (features_.ptrace) add("\\x09", kPolicyMarker);
    if (features_.signal) add("\\x0a", kPolicyMarker);
    if (features_.networkV8) add("\\x0e", kPolicyMarker);
    for (const ir::PlacedRule& placed : profile.rules) {
      switch (placed.rule->ruleKind) {
        case ir::RuleKind::File: case ir::RuleKind::Link: case ir::RuleKind::Capability: case ir::RuleKind::Rlimit:
        case ir::RuleKind::ChangeProfile:  // in the file DFA
          break;
        case ir::RuleKind::Network:
          if (auto regex = networkRegex(profile, placed)) addRule(*regex, kNetworkPermissions, &placed);
          break;
        case ir::RuleKind::Mount: case ir::RuleKind::Remount: case ir::RuleKind::Umount: case ir::RuleKind::PivotRoot:
          if (!features_.mount) {
            unsupported(profile, placed.rule->range, "mount rules for kernels without mount mediation");
            break;
          }
          mountRule(profile, placed, [&](const PolicyDbExpression& e) { addRule(e.regex, e.perms, &placed, e.alwaysAudited); });
          break;
        case ir::RuleKind::Signal:
        case ir::RuleKind::Ptrace:
          if (auto rule = peerRule(profile, placed)) addRule(rule->first, rule->second, &placed);
          break;
        case ir::RuleKind::Unix:
          if (features_.afUnix) {
            unsupported(profile, placed.rule->range, "unix rules for kernels that mediate them");
          } else if (!placed.qualifiers.deny) {
            // Without af_unix mediation the kernel sees unix sockets as a network domain only.
            const ir::Condition* type = ir::findCondition(ir::splitClassRule(static_cast<const ir::ClassRule&>(*placed.rule), {}), "type");
            std::string socketType = type && !type->values.empty() ? type->values.front().text : "";
            static const std::map<std::string, int> types = {{"stream", 1}, {"dgram", 2}, {"seqpacket", 5}};
            std::string regex = "\\x0e\\x00\\x01";
            regex += types.count(socketType) ? fmt::format("\\x00\\x{:02x}", types.at(socketType)) : std::string("\\x00[\\x00-\\x0f]");
            add(regex, kNetworkPermissions);
          }
          break;
        case ir::RuleKind::Dbus:
          if (!features_.dbus) break;  // the kernel does not mediate D-Bus: dbus-daemon queries it, if at all
          unsupported(profile, placed.rule->range, "dbus rules for kernels that mediate them");
          break;
        default:
          unsupported(profile, placed.rule->range, fmt::format("{} rules", ir::ruleKindKeyword(placed.rule->ruleKind)));
      }
    }
    return pack(builder, profile, [&](const engine::Dfa& dfa, std::uint32_t state) {
      std::uint32_t allow = 0, deny = 0, quiet = 0, audit = 0;
      for (std::uint32_t id : dfa.accepts(state)) {
        const Value& v = values[id];
        (v.deny ? deny : allow) |= v.perms;
        if (v.quiet) quiet |= v.perms;
        if (v.audit) audit |= v.perms;
        audit |= v.alwaysAudited;
      }
      allow &= ~deny;
      return std::make_pair(allow, (audit & 0x1fc07f) | ((quiet & deny & 0x1fc07f) << 7));
    });
  }

  void mountRule(const ir::ProfileInstance& profile, const ir::PlacedRule& placed,
                 const std::function<void(const PolicyDbExpression&)>& add) {
    ir::ClassRuleParts parts = ir::splitClassRule(static_cast<const ir::ClassRule&>(*placed.rule), {});
    MountEncoding encoding = encodeMountRule(placed.rule->ruleKind, parts,
                                             [&](const std::string& glob, bool path) { return globRegex(glob, path); });
    if (!encoding.unsupported.empty()) {
      unsupported(profile, encoding.unsupportedAt ? encoding.unsupportedAt->range : placed.rule->range, encoding.unsupported);
      return;
    }
    for (const PolicyDbExpression& e : encoding.expressions) add(e);
  }

  // signal and ptrace: class byte, [signals,] then the peer label.
  std::optional<std::pair<std::string, std::uint32_t>> peerRule(const ir::ProfileInstance& profile, const ir::PlacedRule& placed) {
    bool signal = placed.rule->ruleKind == ir::RuleKind::Signal;
    static const std::vector<std::string> signalAccesses = {"send", "receive", "r", "w", "rw", "wr", "read", "write"};
    static const std::vector<std::string> ptraceAccesses = {"r", "w", "rw", "wr", "read", "write", "readby", "trace", "tracedby"};
    ir::ClassRuleParts parts = ir::splitClassRule(static_cast<const ir::ClassRule&>(*placed.rule), signal ? signalAccesses : ptraceAccesses);
    static const std::map<std::string, std::uint32_t> signalBits = {{"send", 0x2}, {"w", 0x2}, {"write", 0x2}, {"receive", 0x4},
                                                                    {"r", 0x4}, {"read", 0x4}, {"rw", 0x6}, {"wr", 0x6}};
    static const std::map<std::string, std::uint32_t> ptraceBits = {{"read", 0x4}, {"r", 0x4}, {"trace", 0x2}, {"w", 0x2},
                                                                    {"write", 0x2}, {"rw", 0x6}, {"wr", 0x6},
                                                                    {"readby", 0x10}, {"tracedby", 0x8}};
    std::uint32_t perms = 0;
    for (const ir::Word& a : parts.accesses) perms |= (signal ? signalBits : ptraceBits).at(a.text);
    if (!perms) perms = signal ? 0x6 : 0x1e;
    std::string peer = "[^\\x00]+";
    for (const ir::Condition* c : parts.conditions) {
      if (c->name.text == "peer" && c->values.size() == 1) {
        std::optional<std::string> regex = globRegex(c->values.front().text, false);
        if (!regex) return std::nullopt;
        peer = *regex;
      } else if (c->name.text != "set" || !signal) {
        unsupported(profile, c->range, fmt::format("the {} condition '{}='", signal ? "signal" : "ptrace", c->name.text));
        return std::nullopt;
      }
    }
    if (!signal) return std::make_pair("(\\x10|)\\x09" + peer, perms);
    std::string set;
    for (const ir::Condition* c : parts.conditions)
      if (c->name.text == "set")
        for (const ir::Word& w : c->values) {
          int number = signalNumber(w.text);
          if (number > 0) set += fmt::format("\\x{:02x}", number);
        }
    // Without a signal set: any signal byte after the class byte, or none after the label class,
    // as apparmor_parser 3.0.8 encodes it.
    if (set.empty()) return std::make_pair("(\\x10\\x0a|\\x0a.)" + peer, perms);
    return std::make_pair("\\x0a[" + set + "]" + peer, perms);
  }

  static int signalNumber(const std::string& name) {
    static const std::vector<std::string> names = {"hup", "int", "quit", "ill", "trap", "abrt", "bus", "fpe", "kill", "usr1",
                                                   "segv", "usr2", "pipe", "alrm", "term", "stkflt", "chld", "cont", "stop",
                                                   "stp", "ttin", "ttou", "urg", "xcpu", "xfsz", "vtalrm", "prof", "winch",
                                                   "io", "pwr", "sys", "emt"};
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return static_cast<int>(i) + 1;
    if (name == "exists") return 35;
    if (name.rfind("rtmin+", 0) == 0) return 128 + std::stoi(name.substr(6));
    return 0;
  }

  std::optional<std::string> networkRegex(const ir::ProfileInstance& profile, const ir::PlacedRule& placed) {
    static const std::map<std::string, int> families = {
        {"unspec", 0}, {"unix", 1}, {"local", 1}, {"inet", 2}, {"ax25", 3}, {"ipx", 4}, {"appletalk", 5}, {"netrom", 6},
        {"bridge", 7}, {"atmpvc", 8}, {"x25", 9}, {"inet6", 10}, {"rose", 11}, {"netbeui", 13}, {"security", 14},
        {"key", 15}, {"netlink", 16}, {"route", 16}, {"packet", 17}, {"ash", 18}, {"econet", 19}, {"atmsvc", 20},
        {"rds", 21}, {"sna", 22}, {"irda", 23}, {"pppox", 24}, {"wanpipe", 25}, {"llc", 26}, {"ib", 27},
        {"mpls", 28}, {"can", 29}, {"tipc", 30}, {"bluetooth", 31}, {"iucv", 32}, {"rxrpc", 33}, {"isdn", 34},
        {"phonet", 35}, {"ieee802154", 36}, {"caif", 37}, {"alg", 38}, {"nfc", 39}, {"vsock", 40}, {"kcm", 41},
        {"qipcrtr", 42}, {"smc", 43}, {"xdp", 44}, {"mctp", 45}};
    static const std::map<std::string, int> types = {{"stream", 1}, {"dgram", 2},  {"raw", 3},   {"rdm", 4},
                                                     {"seqpacket", 5}, {"packet", 10}, {"tcp", 1}, {"udp", 2},
                                                     {"icmp", 3}};
    const auto& rule = static_cast<const ir::ClassRule&>(*placed.rule);
    ir::ClassRuleParts parts = ir::splitClassRule(rule, {});
    if (parts.conditions.empty() && parts.accesses.empty() && parts.words.size() == 1 && types.count(parts.words[0]->text) &&
        !families.count(parts.words[0]->text)) {  // "packet" is a domain first
      int type = types.at(parts.words[0]->text);  // a type in every known domain
      std::set<int> codes;
      for (const auto& [name, code] : families) codes.insert(code);
      std::string alternatives;
      for (int code : codes) alternatives += fmt::format("{}\\x{:02x}\\x{:02x}", alternatives.empty() ? "" : "|", code >> 8, code & 0xff);
      return fmt::format("\\x0e({})\\x{:02x}\\x{:02x}", alternatives, type >> 8, type & 0xff);
    }
    if (!parts.conditions.empty() || !parts.accesses.empty() || parts.words.empty() || parts.words.size() > 2 ||
        !families.count(parts.words[0]->text) || (parts.words.size() == 2 && !types.count(parts.words[1]->text))) {
      unsupported(profile, placed.rule->range, "network rules other than 'network DOMAIN [TYPE]'");
      return std::nullopt;
    }
    int family = families.at(parts.words[0]->text);
    std::string regex = fmt::format("\\x0e\\x{:02x}\\x{:02x}", family >> 8, family & 0xff);
    if (parts.words.size() == 2) {
      int type = types.at(parts.words[1]->text);
      regex += fmt::format("\\x{:02x}\\x{:02x}", type >> 8, type & 0xff);
    } else {
      // No type: every socket type, one by one (a type of 0 is not a socket).
      regex += "(\\x00\\x01|\\x00\\x02|\\x00\\x03|\\x00\\x04|\\x00\\x05|\\x00\\x0a)";
    }
    return regex;
  }

  const ir::Policy& policy_;
  const CompileFeatures& features_;
  DiagnosticSink& sink_;
  std::optional<VariableTable> ruleVariables_;  // set by compile() for the profile at hand
};

}  // namespace

std::optional<CompileFeatures> readFeatures(const std::string& path, std::string& error) {
  aa_features* raw = nullptr;
  if (aa_features_new(&raw, AT_FDCWD, path.c_str()) != 0) {
    error = fmt::format("cannot read features '{}': {}", path, std::strerror(errno));
    return std::nullopt;
  }
  std::unique_ptr<aa_features, FeaturesDeleter> features(raw);
  CompileFeatures f;
  f.abi = aa_features_supports(raw, "policy/versions/v7") ? 7 : aa_features_supports(raw, "policy/versions/v6") ? 6 : 5;
  f.mount = aa_features_supports(raw, "mount");
  f.ptrace = aa_features_supports(raw, "ptrace");
  f.signal = aa_features_supports(raw, "signal");
  f.networkV8 = aa_features_supports(raw, "network_v8");
  f.dbus = aa_features_supports(raw, "dbus");
  f.afUnix = aa_features_supports(raw, "network/af_unix");
  return f;
}

std::string compilePolicy(const ir::Policy& policy, const CompileFeatures& features, DiagnosticSink& sink) {
  for (const ir::Alias* alias : policy.aliases)
    sink.report(makeDiagnostic(Severity::Error, "compile-unsupported", alias->range, {},
                               "aalint compile does not apply alias rules yet"));
  StreamWriter out;
  ProfileCompiler compiler(policy, features, sink);
  for (const auto& profile : policy.profiles) compiler.compile(*profile, out);
  return out.bytes();
}

std::string compilePolicies(const std::vector<const ir::Policy*>& policies, const CompileFeatures& features,
                            DiagnosticSink& sink, unsigned jobs) {
  std::vector<std::string> blobs(policies.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < policies.size(); i = next++) blobs[i] = compilePolicy(*policies[i], features, sink);
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::min<std::size_t>(jobs, policies.size()); ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  std::string all;
  for (const std::string& blob : blobs) all += blob;
  return all;
}

}  // namespace aalint::backend
