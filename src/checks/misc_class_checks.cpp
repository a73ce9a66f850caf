#include "checks/misc_class_checks.h"

#include <fmt/format.h>

#include "ir/vocabulary.h"

namespace aalint::checks {

using namespace aalint::ir;

const ClassSpec& MqueueRuleCheck::spec() const {
  static const ClassSpec spec{"mqueue",
                              {"r", "w", "rw", "wr", "read", "write", "create", "open", "delete", "getattr", "setattr"},
                              {{"type", {}}, {"label", {}}},
                              true,
                              false,
                              true};
  return spec;
}

void MqueueRuleCheck::checkRule(const ir::ClassRule&, const ClassRuleParts& parts, const Site& site) {
  auto error = [&](const SourceRange& range, const std::string& message) { site.error(range, "mqueue-invalid", message); };
  std::string type;
  for (const ir::Condition* c : parts.conditions) {
    if (c->values.size() != 1 || c->values[0].text.empty()) {
      error(c->range, fmt::format("'{}=' needs a value", c->name.text));
      continue;
    }
    if (c->name.text == "type") {
      type = c->values[0].text;
      if (type != "posix" && type != "sysv")
        error(c->values[0].range, unknownWordMessage("message queue type", type, {"posix", "sysv"}));
    }
  }
  if (parts.words.size() > 1) error(parts.words[1]->range, "a message queue rule names one queue");
  if (parts.words.empty()) return;
  const ir::Word& name = *parts.words[0];
  bool number = !name.text.empty() && name.text.find_first_not_of("0123456789") == std::string::npos;
  bool path = !name.text.empty() && (name.text[0] == '/' || name.text[0] == '@');
  if (type == "posix" && !path)
    error(name.range, fmt::format("POSIX message queue names start with '/', not '{}'", name.text));
  else if (type == "sysv" && !number)
    error(name.range, fmt::format("System V message queues are named by number, not '{}'", name.text));
  else if (type.empty() && !number && !path)
    error(name.range, fmt::format("'{}' is neither a POSIX queue name (/name) nor a System V queue key (a number)",
                                  name.text));
}

const ClassSpec& IoUringRuleCheck::spec() const {
  static const ClassSpec spec{"io_uring", {"override_creds", "sqpoll"}, {{"label", {}}}, false};
  return spec;
}

const ClassSpec& UsernsRuleCheck::spec() const {
  static const ClassSpec spec{"userns", {"create"}, {}, false};
  return spec;
}

}  // namespace aalint::checks
