#include "checks/dbus_rule_check.h"

#include <fmt/format.h>

namespace aalint::checks {

const ClassSpec& DbusRuleCheck::spec() const {
  static const ClassSpec spec{
      "D-Bus",
      {"send", "receive", "bind", "eavesdrop", "r", "w", "rw", "wr", "read", "write"},
      {{"bus", {}}, {"name", {false, true, {}}}, {"path", {}}, {"interface", {}}, {"member", {}},
       {"peer", {false, true, {"name", "label"}}}},
      false,
      true};
  return spec;
}

void DbusRuleCheck::checkRule(const ir::ClassRule&, const ClassRuleParts& parts, const Site& site) {
  static const std::map<std::string, std::vector<std::string>> aliases = {
      {"r", {"receive"}}, {"read", {"receive"}}, {"w", {"send"}}, {"write", {"send"}}, {"rw", {"send", "receive"}}, {"wr", {"send", "receive"}}};
  std::set<std::string> access = accessSet(parts, aliases);
  if (access.empty()) return;  // no access given: the conditions decide
  bool message = access.count("send") || access.count("receive");
  bool bind = access.count("bind") > 0;
  bool eavesdrop = access.count("eavesdrop") > 0;
  for (const ir::Condition* c : parts.conditions) {
    const std::string& name = c->name.text;
    if (name == "bus") continue;
    if (name == "name" && (message || eavesdrop))
      site.error(c->name.range, "dbus-condition-incompatible",
                 fmt::format("'name=' names the service a rule may bind; it does not apply to {}. For messages, name "
                             "the other side with peer=(name=...)",
                             eavesdrop ? "eavesdrop" : "send and receive"));
    if (name != "name" && (bind || eavesdrop))
      site.error(c->name.range, "dbus-condition-incompatible",
                 fmt::format("'{}=' applies to send and receive, not to {}; put {} in a rule of its own", name,
                             bind ? "bind" : "eavesdrop", bind ? "bind" : "eavesdrop"));
  }
}

}  // namespace aalint::checks
