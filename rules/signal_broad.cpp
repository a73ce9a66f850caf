// signal-broad: sending signals to any process, or to unconfined ones (info)
//
// A signal can kill, stop or reconfigure a process. `signal send` without `peer=` reaches every
// process the program may signal under Unix rules; `peer=unconfined` reaches system services.
//
// Bad:   signal send,      signal (send) peer=unconfined,
// Good:  signal send set=(term) peer=myapp//worker,
// Fix:   name the peer and the signals.
#include "lint_rule.h"
#include "rule_support.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"signal-broad", Category::Security, Severity::Info, true,
                     "sending signals to any process or to unconfined ones",
                     "Signals can kill or stop services the program has no business with.", "signal send,",
                     "signal send set=(term) peer=myapp//worker,", "Name the peer profile and the signals."};

class SignalBroad : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    static const std::vector<std::string> accesses = {"send", "receive", "r", "w", "rw", "wr", "read", "write"};
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (const ClassAccess& rule : classRules(profile, ir::RuleKind::Signal, accesses)) {
        if (rule.placed->qualifiers.deny || rule.rule->arguments.empty()) continue;
        if (!grantsAccess(rule.parts, {"send", "w", "write", "rw", "wr"})) continue;
        std::optional<std::string> peer = peerLabel(rule.parts);
        if (peer && *peer != "unconfined") continue;
        context.report(kInfo, *rule.placed, profile,
                       peer ? "signals to unconfined processes: the program can kill or stop system services"
                            : "signals to any process: name the peer (peer=profile)");
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeSignalBroad() { return std::make_unique<SignalBroad>(); }

}  // namespace aalint::lint
