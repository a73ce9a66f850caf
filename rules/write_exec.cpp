// write-exec: a path the program can both write and execute
//
// If a confined program can write a file and then execute it (or map it executable with 'm'), an
// attacker who controls what it writes runs their own code: the profile no longer limits which
// code runs. Reported within one rule (`/opt/app/** rwm`) and across rules whose globs share a
// path (`/opt/app/** rw` with `/opt/app/plugins/*.so mr`), with a path both grant; deny rules that
// cancel the write or the exec are taken into account.
//
// Bad:   /opt/app/** rw,
//        /opt/app/plugins/*.so mr,
// Good:  /opt/app/data/** rw,
//        /opt/app/plugins/*.so mr,
// Fix:   keep writable and executable paths apart.
#include <fmt/format.h>

#include <set>

#include "path_findings.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"write-exec", Category::Security, Severity::Warning, true,
                     "a path both writable (w, a) and executable or mappable (m, any exec mode)",
                     "A program that can write what it then runs can be made to run anything.",
                     "/opt/app/** rw,\n/opt/app/plugins/*.so mr,", "/opt/app/data/** rw,\n/opt/app/plugins/*.so mr,",
                     "Keep writable and executable paths apart."};

class WriteExec : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    // One finding per rule: the first (shortest) path where it meets a rule of the other kind.
    std::set<const ir::PlacedRule*> reported;
    forEachFileState(context, [&](const ir::ProfileInstance& profile, const StateView& view) {
      std::vector<std::size_t> writers = effectiveGrants(view.automaton, view.matches.rules, Access::Write);
      if (writers.empty()) return;
      std::vector<std::size_t> runners = effectiveGrants(view.automaton, view.matches.rules, Access::Execute);
      for (std::size_t w : writers)
        for (std::size_t x : runners) {
          const FileAccess& writer = view.automaton.rules()[w];
          const FileAccess& runner = view.automaton.rules()[x];
          if (!writer.sharesHalfWith(runner)) continue;
          if (w == x) {
            if (reported.insert(writer.placed).second)
              context.report(kInfo, *writer.placed, profile,
                             fmt::format("'{}' lets the program write files it can also {}", ruleText(*writer.placed),
                                         writer.executes() ? "execute" : "map executable"));
            continue;
          }
          // Shown at the user's rule: the writer unless only the runner is the user's.
          bool atRunner = writer.placed->rule->range.file != context.policy().mainFile &&
                          runner.placed->rule->range.file == context.policy().mainFile;
          const FileAccess& at = atRunner ? runner : writer;
          const FileAccess& other = atRunner ? writer : runner;
          // A rule that writes and executes by itself is reported as such, not paired.
          if ((at.writes() && (at.executes() || at.perms.mmap)) || !reported.insert(at.placed).second) continue;
          context.report(kInfo, *at.placed, profile,
                         fmt::format("'{}' and '{}' ({}) both cover '{}': the program can write a file it can also {}",
                                     ruleText(*at.placed), ruleText(*other.placed),
                                     location(*other.placed, context.policy()), view.witness(),
                                     runner.executes() ? "execute" : "map executable"));
        }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeWriteExec() { return std::make_unique<WriteExec>(); }

}  // namespace aalint::lint
