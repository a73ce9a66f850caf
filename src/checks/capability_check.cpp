#include "checks/capability_check.h"

#include "ir/vocabulary.h"

namespace aalint::checks {

using namespace aalint::ir;

void CapabilityCheck::run(const ir::Policy& policy, CheckContext& context) {
  forEachProfile(policy, [&](const ir::ProfileInstance& profile) {
    for (const ir::PlacedRule& placed : profile.rules) {
      if (placed.rule->ruleKind != ir::RuleKind::Capability) continue;
      for (const ir::Word& name : static_cast<const ir::CapabilityRule&>(*placed.rule).names)
        if (!contains(capabilityNames(), name.text))
          context.error("capability-unknown", name.range, *placed.chain, &profile,
                        unknownWordMessage("capability", name.text, capabilityNames()));
    }
  });
}

}  // namespace aalint::checks
