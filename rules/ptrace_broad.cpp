// ptrace-broad: ptrace trace/read without a peer, or with peer=unconfined
//
// Reading another process (`ptrace read`) exposes its memory; tracing it (`ptrace trace`) lets the
// tracer run code inside it. Without `peer=`, any process the program can reach is a target;
// `peer=unconfined` names exactly the processes AppArmor does not protect. A ptrace rule with no
// access means all of them.
//
// Bad:   ptrace trace,      ptrace (read) peer=unconfined,
// Good:  ptrace read peer=@{profile_name},
// Fix:   name the peer profile the program needs to inspect.
#include "lint_rule.h"
#include "rule_support.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"ptrace-broad", Category::Security, Severity::Warning, true,
                     "ptrace trace/read without a peer, or with peer=unconfined",
                     "Tracing or reading another process exposes its memory and lets the tracer run code in it.",
                     "ptrace trace,", "ptrace read peer=@{profile_name},", "Name the peer profile."};

class PtraceBroad : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    static const std::vector<std::string> accesses = {"r", "w", "rw", "wr", "read", "write", "readby", "trace", "tracedby"};
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (const ClassAccess& rule : classRules(profile, ir::RuleKind::Ptrace, accesses)) {
        if (rule.placed->qualifiers.deny || rule.rule->arguments.empty()) continue;  // bare: bare-rule
        if (!grantsAccess(rule.parts, {"trace", "read", "r", "w", "rw", "wr", "write"})) continue;
        std::optional<std::string> peer = peerLabel(rule.parts);
        if (peer && *peer != "unconfined") continue;
        context.report(kInfo, *rule.placed, profile,
                       peer ? "ptrace of unconfined processes: the program can read and control processes that "
                              "AppArmor does not protect"
                            : "ptrace without peer=: the program can read or trace any process it can reach; name "
                              "the peer");
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makePtraceBroad() { return std::make_unique<PtraceBroad>(); }

}  // namespace aalint::lint
