// broad-exec: ix/px/Pix/cx on globs that reach many programs
//
// An exec rule over a whole bin directory (`/usr/bin/* Pix`) or the whole filesystem (`/** ix`)
// lets the program run every installed tool — shells, interpreters, network clients — each under
// the chosen transition. With `ix` they all inherit this profile, which then has to allow what any
// of them does. Decided on the automaton: the rule is reported when its glob covers a whole
// program directory.
//
// Bad:   /usr/bin/* ix,     /** Pix,
// Good:  /usr/bin/{gzip,tar} ix,
// Fix:   list the programs the application runs.
#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "engine/glob_beginnings.h"
#include "engine/glob_set.h"
#include "lint_rule.h"
#include "rule_support.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"broad-exec", Category::Security, Severity::Warning, true,
                     "ix/px/Pix/cx on globs that reach many programs",
                     "Every installed tool becomes runnable, shells and interpreters included.", "/usr/bin/* ix,",
                     "/usr/bin/{gzip,tar} ix,", "List the programs the application runs."};

const char* const kProgramDirectories[] = {"/usr/bin/*", "/bin/*", "/usr/sbin/*", "/sbin/*", "/usr/local/bin/*",
                                           "/usr/libexec/**"};

// The first program directory the glob covers, or nullptr.
const char* coveredProgramDirectory(const std::string& glob) {
  return cachedOnThread<const char*, engine::kRememberedGlobs>(glob, [](const std::string& outer) -> const char* {
    // A glob that covers a directory's programs has a literal beginning that begins the directory
    // (it matches a program of every first letter); most exec rules name other directories.
    auto beginsDirectory = [](const std::string& prefix) {
      return std::any_of(std::begin(kProgramDirectories), std::end(kProgramDirectories), [&](std::string_view dir) {
        return prefix.size() <= dir.find('*') && dir.compare(0, prefix.size(), prefix) == 0;
      });
    };
    const std::vector<std::string> prefixes = engine::literalPrefixes(outer);
    if (std::none_of(prefixes.begin(), prefixes.end(), beginsDirectory)) return nullptr;
    std::vector<std::string> globs{outer};
    for (const char* dir : kProgramDirectories) globs.emplace_back(dir);
    engine::GlobSet set = engine::GlobSet::compile(globs);
    if (!set.ok()) return nullptr;
    for (std::size_t d = 1; d < globs.size(); ++d)
      if (set.covers(0, d)) return kProgramDirectories[d - 1];
    return nullptr;
  });
}

class BroadExec : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (const FileAccess& access : context.fileAccesses(profile)) {
        if (access.deny() || !access.perms.exec || !context.shown(*access.placed)) continue;
        if (access.perms.exec->transition == ir::ExecMode::Transition::Unconfined) continue;  // unconfined-exec
        if (access.glob().find_first_of("*?[{") == std::string::npos) continue;
        if (const char* dir = coveredProgramDirectory(access.glob()))
          context.report(kInfo, *access.placed, profile,
                         fmt::format("'{}' lets the program run every program in {} ({})", ruleText(*access.placed),
                                     dir, access.perms.exec->spelling()));
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeBroadExec() { return std::make_unique<BroadExec>(); }

}  // namespace aalint::lint
