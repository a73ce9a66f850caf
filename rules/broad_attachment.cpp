// broad-attachment: profiles attached to globs that cover many programs, or to the same program
//
// A profile applies to every program its attachment matches. Attached to `/usr/bin/*` it confines
// every tool with the rules written for one, and each of them gains whatever the profile allows.
// When two profiles attach to the same program, which one applies depends on the kernel's
// longest-match choice, not on what the authors intended.
//
// Bad:   profile tools /usr/bin/* { ... }
//        profile a /opt/app/bin/* { ... }   and   profile b /opt/app/bin/run { ... }
// Good:  profile tool /usr/bin/tool { ... }
// Fix:   attach each profile to the program it was written for.
#include <fmt/format.h>

#include "engine/glob_set.h"
#include "lint_rule.h"
#include "rule_support.h"
#include "support/source_file.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"broad-attachment", Category::Security, Severity::Warning, true,
                     "a profile attached to a glob that covers many programs, or two profiles attached to one program",
                     "Programs get rules written for another; with two candidate profiles the kernel's longest-match "
                     "choice decides, not the authors.",
                     "profile tools /usr/bin/* { ... }", "profile tool /usr/bin/tool { ... }",
                     "Attach each profile to the program it was written for."};

const char* const kProgramDirectories[] = {"/**", "/usr/bin/*", "/bin/*", "/usr/sbin/*", "/sbin/*", "/usr/local/bin/*"};

class BroadAttachment : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    const RunIndex& index = context.index();
    auto mine = index.attachmentsIn.find(context.policy().mainFile);
    if (mine == index.attachmentsIn.end()) return;
    for (std::size_t i : mine->second) {
      const RunIndex::Attachment& a = index.attachments[i];
      const ir::Profile& declaration = *a.profile->declaration;
      const SourceRange& at = declaration.attachment ? declaration.attachment->range : declaration.name.range;
      // Without a star a glob matches a bounded set of names: it covers no directory of programs.
      if (a.glob.find('*') != std::string::npos) {
        std::vector<std::string> globs{a.glob};
        for (const char* dir : kProgramDirectories) globs.emplace_back(dir);
        engine::GlobSet set = engine::GlobSet::compile(globs);
        for (std::size_t d = 1; set.ok() && d < globs.size(); ++d)
          if (set.covers(0, d)) {
            context.report(kInfo, at, a.profile->chain, a.profile,
                           fmt::format("profile '{}' attaches to '{}', which covers every program in {}", a.profile->name,
                                       a.glob, globs[d]));
            break;
          }
      }
      auto overlap = index.overlaps.find(i);
      if (overlap == index.overlaps.end()) continue;
      const RunIndex::Attachment& other = index.attachments[overlap->second.other];
      const SourceRange& otherAt = other.profile->declaration->name.range;
      context.report(kInfo, at, a.profile->chain, a.profile,
                     fmt::format("profiles '{}' and '{}' ({}:{}) both attach to '{}'; the kernel picks one by longest "
                                 "match",
                                 a.profile->name, other.profile->name, otherAt.file ? otherAt.file->path() : "",
                                 otherAt.line, overlap->second.witness));
    }
  }
};

}  // namespace

std::unique_ptr<LintRule> makeBroadAttachment() { return std::make_unique<BroadAttachment>(); }

}  // namespace aalint::lint
