// rule-not-enforced: rules that the declared abi cannot mediate
//
// A profile's `abi` says which kernel features its policy is compiled for. A rule of a class that
// this ABI does not mediate (D-Bus, unix sockets, message queues, io_uring, user namespaces, a
// capability newer than the ABI...) is accepted, then silently dropped: the profile looks stricter
// than it is. The ABI file is read with libapparmor's features API, as apparmor_parser reads it.
//
// Bad:   abi <abi/3.0>,
//        profile p { userns, }          (abi 3.0 has no user-namespace mediation)
// Good:  abi <abi/4.0>,
// Fix:   declare an ABI that mediates the rule (and test the profile with it), or remove the rule.
#include <sys/apparmor.h>

#include <fcntl.h>

#include <fmt/format.h>

#include "frontend/search_path.h"
#include "lint_rule.h"
#include "support/thread_cache.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"rule-not-enforced", Category::Security, Severity::Warning, true,
                     "a rule that the declared abi cannot mediate",
                     "The rule is accepted and silently dropped: the profile looks stricter than it is.",
                     "abi <abi/3.0>,\nprofile p { userns, }", "abi <abi/4.0>,\nprofile p { userns, }",
                     "Declare an ABI that mediates the rule, or remove the rule."};

// The feature a rule kind needs, as a path in the features tree.
const char* featureOf(ir::RuleKind kind) {
  switch (kind) {
    case ir::RuleKind::Dbus: return "dbus";
    case ir::RuleKind::Unix: return "network/af_unix";
    case ir::RuleKind::Mqueue: return "ipc/posix_mqueue";
    case ir::RuleKind::IoUring: return "io_uring";
    case ir::RuleKind::Userns: return "namespaces/userns_create";
    case ir::RuleKind::Signal: return "signal";
    case ir::RuleKind::Ptrace: return "ptrace";
    case ir::RuleKind::Mount: case ir::RuleKind::Remount: case ir::RuleKind::Umount: return "mount";
    case ir::RuleKind::PivotRoot: return "namespaces/pivot_root";
    case ir::RuleKind::ChangeProfile: return "domain/change_profile";
    case ir::RuleKind::Rlimit: return "rlimit";
    case ir::RuleKind::Network: return "network";
    default: return nullptr;
  }
}

using Features = std::shared_ptr<aa_features>;

// The features of the abi file at `path` (null when it cannot be read), read once per thread: the
// files of a distribution declare the same abi or two.
const Features& featuresAt(const std::string& path) {
  return cachedOnThread<Features, 16>(path, [](const std::string& file) {
    aa_features* raw = nullptr;
    return aa_features_new(&raw, AT_FDCWD, file.c_str()) == 0 ? Features(raw, aa_features_unref) : Features();
  });
}

// Whether the abi at `path` has `feature`, asked of libapparmor once per thread.
bool supports(const std::string& path, const std::string& feature) {
  return cachedOnThread<bool, 4096>(path + '\n' + feature, [&](const std::string&) {
    return aa_features_supports(featuresAt(path).get(), feature.c_str());
  });
}

class RuleNotEnforced : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    const ir::Policy& policy = context.policy();
    const ir::Abi* abi = nullptr;
    for (const ir::Abi* a : policy.abis)
      if (a->range.file == policy.mainFile) abi = a;
    if (!abi || abi->target.empty()) return;
    std::string path = abi->target;
    if (abi->searched) {
      SearchPath search;  // the default base; -I directories are the include search path's
      auto found = search.findSearched(abi->target);
      if (!found) return;
      path = *found;
    }
    if (!featuresAt(path)) return;
    ir::forEachProfile(policy, [&](const ir::ProfileInstance& profile) {
      for (const ir::PlacedRule& placed : profile.rules) {
        const ir::Rule& rule = *placed.rule;
        if (rule.ruleKind == ir::RuleKind::Capability) {
          for (const ir::Word& name : static_cast<const ir::CapabilityRule&>(rule).names) {
            std::string feature = "caps/mask/" + name.text;
            if (!supports(path, feature))
              context.report(kInfo, name.range, *placed.chain, &profile,
                             fmt::format("abi <{}> does not know capability {}: the rule is not enforced", abi->target,
                                         name.text));
          }
          continue;
        }
        const char* feature = featureOf(rule.ruleKind);
        if (!feature || supports(path, feature)) continue;
        context.report(kInfo, placed, profile,
                       fmt::format("abi <{}> does not mediate {} rules (no '{}' feature): this rule is accepted and "
                                   "not enforced",
                                   abi->target, ir::ruleKindKeyword(rule.ruleKind), feature));
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeRuleNotEnforced() { return std::make_unique<RuleNotEnforced>(); }

}  // namespace aalint::lint
