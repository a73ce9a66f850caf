#include "backend/policy_compiler.h"

#include <map>

#include <fmt/format.h>

#include "backend/attachment_encoding.h"
#include "backend/file_dfa.h"
#include "backend/policy_db.h"
#include "backend/policy_writer.h"
#include "backend/profile_context.h"
#include "engine/dfa.h"
#include "engine/glob.h"
#include "ir/class_rule_parts.h"
#include "ir/rlimit_value.h"
#include "ir/vocabulary.h"

namespace aalint::backend {

namespace {

class ProfileCompiler {
public:
  ProfileCompiler(const ir::Policy& policy, const CompileFeatures& features, DiagnosticSink& sink,
                  engine::AutomatonBudget& budget)
      : policy_(policy), features_(features), sink_(sink), budget_(budget) {}

  void compile(const ir::ProfileInstance& profile, StreamWriter& out) {
    ProfileContext context(policy_, profile, features_, sink_, budget_);
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
    std::optional<AttachmentEncoding> attachment = encodeAttachment(context);
    if (attachment && !attachment->tables.empty()) {
      out.name("aadfa");
      out.dfaBlob(attachment->tables);
      out.u32(attachment->length);
    }
    flags(context, out);
    capabilities(context, out);
    if (attachment) stringList(out, "xattrs", attachment->xattrNames);
    rlimits(context, out);
    std::vector<std::string> xtable;
    std::string fileDfa = encodeFileDfa(context, xtable);
    std::string policyDb = encodePolicyDb(context);
    out.name("policydb");
    out.structBegin();
    out.name("aadfa");
    out.dfaBlob(policyDb);
    out.structEnd();
    if (!fileDfa.empty()) {
      out.name("aadfa");
      out.dfaBlob(fileDfa);
    }
    stringList(out, "xtable", xtable);
    out.structEnd();
    for (const auto& child : profile.children) compile(*child, out);
  }

private:
  // NAME STRUCT ARRAY n STRING... ARRAYEND STRUCTEND, when the list is not empty.
  static void stringList(StreamWriter& out, const char* name, const std::vector<std::string>& list) {
    if (list.empty()) return;
    out.name(name);
    out.structBegin();
    out.arrayBegin(static_cast<std::uint16_t>(list.size()));
    for (const std::string& entry : list) out.string(entry);
    out.arrayEnd();
    out.structEnd();
  }

  std::uint32_t versionWord() const { return features_.abi <= 5 ? 5u : 0x00202000u | features_.abi; }

  void flags(ProfileContext& context, StreamWriter& out) {
    const ir::ProfileInstance& profile = context.profile();
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
          context.unsupported(w.range, fmt::format("the profile flag '{}'", w.text));
      }
      for (const ir::Condition& n : c.nested) context.unsupported(n.range, fmt::format("the profile flag '{}='", n.name.text));
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

  void capabilities(ProfileContext& context, StreamWriter& out) {
    const ir::ProfileInstance& profile = context.profile();
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

  void rlimits(ProfileContext& context, StreamWriter& out) {
    const ir::ProfileInstance& profile = context.profile();
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
      std::optional<std::uint64_t> parsed = ir::parseRlimitValue(resource, value).stored;
      if (!parsed) {
        context.unsupported(placed.rule->range, fmt::format("the rlimit value '{}'", value));
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

  const ir::Policy& policy_;
  const CompileFeatures& features_;
  DiagnosticSink& sink_;
  engine::AutomatonBudget& budget_;
};

}  // namespace

std::string compilePolicy(const ir::Policy& policy, const CompileFeatures& features, DiagnosticSink& sink,
                          std::uint64_t maxAutomatonStates) {
  StreamWriter out;
  engine::AutomatonBudget budget(maxAutomatonStates);
  ProfileCompiler compiler(policy, features, sink, budget);
  for (const auto& profile : policy.profiles) compiler.compile(*profile, out);
  return out.bytes();
}

}  // namespace aalint::backend
