// dbus-broad: D-Bus rules open on the system bus, eavesdropping, broad bind
//
// On the system bus, a send/receive rule without path=, interface= or peer= reaches every system
// service (systemd, NetworkManager, polkit, udisks). `eavesdrop` reads other programs' messages.
// A bind rule without name=, or with a glob name, lets the program claim other services' names
// and impersonate them.
//
// Bad:   dbus send bus=system,      dbus eavesdrop,      dbus bind bus=session name=*,
// Good:  dbus send bus=system path=/org/freedesktop/login1 interface=org.freedesktop.login1.Manager
//             member=Inhibit peer=(name=org.freedesktop.login1),
// Fix:   name the path, interface, member and peer; bind only the program's own name.
#include <fmt/format.h>

#include "lint_rule.h"
#include "rule_support.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"dbus-broad", Category::Security, Severity::Warning, true,
                     "D-Bus rules open on the system bus, eavesdrop, or broad bind",
                     "An open system-bus rule reaches every system service; eavesdrop reads others' messages; a broad "
                     "bind impersonates services.",
                     "dbus send bus=system,",
                     "dbus send bus=system path=/org/freedesktop/login1 interface=org.freedesktop.login1.Manager "
                     "peer=(name=org.freedesktop.login1),",
                     "Name the path, interface, member and peer; bind only the program's own name."};

bool isGlob(const std::string& s) { return s.find_first_of("*?[{") != std::string::npos; }

class DbusBroad : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    static const std::vector<std::string> accesses = {"send", "receive", "bind", "eavesdrop", "r", "w", "rw", "wr", "read", "write"};
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (const ClassAccess& rule : classRules(profile, ir::RuleKind::Dbus, accesses)) {
        if (rule.placed->qualifiers.deny || rule.rule->arguments.empty()) continue;
        const ir::ClassRuleParts& parts = rule.parts;
        const ir::Condition* bus = ir::findCondition(parts, "bus");
        bool system = !bus || (!bus->values.empty() && (bus->values[0].text == "system" || isGlob(bus->values[0].text)));
        if (!parts.accesses.empty() && grantsAccess(parts, {"eavesdrop"})) {
          context.report(kInfo, *rule.placed, profile, "'eavesdrop' lets the program read other programs' D-Bus messages");
          continue;
        }
        if (grantsAccess(parts, {"bind"}) && !parts.accesses.empty()) {
          const ir::Condition* name = ir::findCondition(parts, "name");
          if (!name || name->values.empty() || isGlob(name->values[0].text))
            context.report(kInfo, *rule.placed, profile,
                           "D-Bus bind without a fixed name= lets the program claim other services' names and "
                           "impersonate them");
          continue;
        }
        bool restricted = ir::findCondition(parts, "path") || ir::findCondition(parts, "interface") ||
                          ir::findCondition(parts, "peer") || ir::findCondition(parts, "member");
        if (system && !restricted)
          context.report(kInfo, *rule.placed, profile,
                         fmt::format("D-Bus rule on {} without path=, interface= or peer=: it reaches every system "
                                     "service",
                                     bus ? "the system bus" : "any bus (the system bus included)"));
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeDbusBroad() { return std::make_unique<DbusBroad>(); }

}  // namespace aalint::lint
