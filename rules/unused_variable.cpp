// unused-variable: a variable defined in a file and used nowhere
//
// A variable that nothing references is dead text: usually left over after a rule was removed, or
// a sign that a rule uses a misspelled name (which apparmor_parser would reject) or a literal path
// where the variable was meant. Only variables defined in the files named on the command line are
// reported; the tunables define variables for everyone.
//
// Bad:   @{APP_DIR} = /opt/app
//        profile app { /opt/app/** r, }
// Good:  profile app { @{APP_DIR}/** r, }
// Fix:   use the variable, or remove it.
#include <fmt/format.h>

#include "lint_rule.h"
#include "support/source_file.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"unused-variable", Category::Hygiene, Severity::Warning, true,
                     "a variable defined in a file and used nowhere",
                     "Dead definitions hide mistakes: a literal path where the variable was meant.",
                     "@{APP_DIR} = /opt/app", "/opt/app/** r,  ->  @{APP_DIR}/** r,", "Use the variable or remove it."};

// Occurrences of `needle` outside comments ("# ..." that starts a line or follows a blank).
std::size_t countOccurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0, lineStart = 0;
  while (lineStart < text.size()) {
    std::size_t lineEnd = text.find('\n', lineStart);
    if (lineEnd == std::string::npos) lineEnd = text.size();
    std::string line = text.substr(lineStart, lineEnd - lineStart);
    for (std::size_t i = 0; i < line.size(); ++i)
      if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t') && line.compare(i, 8, "#include") != 0) {
        line.resize(i);
        break;
      }
    for (std::size_t at = line.find(needle); at != std::string::npos; at = line.find(needle, at + needle.size())) ++count;
    lineStart = lineEnd + 1;
  }
  return count;
}

class UnusedVariable : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    const ir::Policy& policy = context.policy();
    for (const auto& [name, variable] : policy.variables.variables()) {
      if (variable.definedAt.file != policy.mainFile) continue;
      // Every "@{name}" in the files read counts, except the ones that name the variable being assigned.
      std::size_t written = 0;
      for (const SourceFile* file : policy.files) written += countOccurrences(file->text(), "@{" + name + "}");
      for (const ir::VariableAssignment* assignment : policy.assignments) {
        const SourceRange& r = assignment->name.range;
        bool braced = r.endLine == r.line && r.endColumn - r.column + 1 == name.size() + 3;
        if (assignment->name.text == name && braced && written > 0) --written;
      }
      if (written > 0) continue;
      context.report(kInfo, variable.definedAt, {}, nullptr,
                     fmt::format("@{{{}}} is defined but never used; use it or remove it", name));
    }
  }
};

}  // namespace

std::unique_ptr<LintRule> makeUnusedVariable() { return std::make_unique<UnusedVariable>(); }

}  // namespace aalint::lint
