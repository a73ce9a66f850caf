// unix-broad: unix socket rules without address or peer restrictions (info)
//
// A unix rule with neither `addr=` nor `peer=` reaches every local socket service: the D-Bus
// system bus, the Docker socket, systemd's sockets, other users' agents.
//
// Bad:   unix (connect) type=stream,
// Good:  unix (connect) type=stream peer=(addr="@/tmp/.X11-unix/*"),
// Fix:   restrict the address or the peer.
#include "lint_rule.h"
#include "rule_support.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"unix-broad", Category::Security, Severity::Info, true,
                     "unix socket rules without address or peer restrictions",
                     "A unix rule with no address reaches every local socket service.", "unix (connect) type=stream,",
                     "unix (connect) type=stream peer=(addr=\"@/tmp/.X11-unix/*\"),", "Restrict the address or the peer."};

class UnixBroad : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (const ClassAccess& rule : classRules(profile, ir::RuleKind::Unix, socketAccesses())) {
        if (rule.placed->qualifiers.deny || rule.rule->arguments.empty()) continue;
        if (peerLabel(rule.parts) || ir::findCondition(rule.parts, "addr")) continue;
        context.report(kInfo, *rule.placed, profile,
                       "unix socket rule without addr= or peer=: it reaches every local socket service (D-Bus, "
                       "container and init sockets)");
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeUnixBroad() { return std::make_unique<UnixBroad>(); }

}  // namespace aalint::lint
