#include "checks/signal_rule_check.h"

#include <fmt/format.h>

#include "ir/vocabulary.h"

namespace aalint::checks {

using namespace aalint::ir;

const ClassSpec& SignalRuleCheck::spec() const {
  static const ClassSpec spec{"signal",
                              {"send", "receive", "r", "w", "rw", "wr", "read", "write"},
                              {{"set", {true, true, {}}}, {"peer", {}}},
                              false,
                              true};
  return spec;
}

static bool isRealtimeSignal(const std::string& name) {
  static const std::string prefix = "rtmin+";
  if (name.compare(0, prefix.size(), prefix) != 0 || name.size() == prefix.size() || name.size() > prefix.size() + 3)
    return false;
  for (std::size_t i = prefix.size(); i < name.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return false;
  return std::stoi(name.substr(prefix.size())) <= 32;
}

void SignalRuleCheck::checkRule(const ir::ClassRule&, const ClassRuleParts& parts, const Site& site) {
  for (const ir::Condition* c : parts.conditions) {
    if (c->name.text != "set") continue;
    for (const ir::Condition& nested : c->nested)
      site.error(nested.range, "signal-unknown", fmt::format("'{}=' cannot appear inside set=(...)", nested.name.text));
    for (const ir::Word& w : c->values) {
      if (contains(signalNames(), w.text) || isRealtimeSignal(w.text)) continue;
      std::string message = unknownWordMessage("signal", w.text, signalNames());
      if (w.text.compare(0, 5, "rtmin") == 0) message = fmt::format("'{}': real-time signals are rtmin+0 to rtmin+32", w.text);
      site.error(w.range, "signal-unknown", message);
    }
  }
}

const ClassSpec& PtraceRuleCheck::spec() const {
  static const ClassSpec spec{"ptrace",
                              {"r", "w", "rw", "wr", "read", "write", "readby", "trace", "tracedby"},
                              {{"peer", {}}},
                              false,
                              true};
  return spec;
}

}  // namespace aalint::checks
