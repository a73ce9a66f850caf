#include "frontend/elaborate.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>

#include <fmt/format.h>

#include "support/source_file.h"

namespace aalint {

namespace {

class Elaborator {
public:
  Elaborator(FileCache& cache, const ElaborationOptions& options, DiagnosticSink& sink)
      : cache_(cache), options_(options), sink_(sink), policy_(std::make_unique<ir::Policy>()) {}

  std::unique_ptr<ir::Policy> run(const ParsedFile& main) {
    policy_->mainFile = main.source.get();
    if (!main.ir) return std::move(policy_);
    policy_->files.push_back(main.source.get());
    if (main.ir->hasSyntaxErrors) syntaxErrorFiles_.insert(main.source.get());
    Scope scope;
    scope.file = main.source.get();
    // The main file is not in the stack: like apparmor_parser, an include of the main file itself
    // reads it once more before the cycle is noticed.
    walk(main.ir->items, scope);
    expandVariables();
    return std::move(policy_);
  }

private:
  struct Scope {
    ir::ProfileInstance* profile = nullptr;
    ir::EffectiveQualifiers qualifiers;
    IncludeChain chain;
    const IncludeChain* keptChain = nullptr;  // `chain` as kept for placed rules, once one is placed
    const SourceFile* file = nullptr;
    std::vector<std::string> fileStack;  // canonical paths of the files being included, outermost first
    std::set<std::string>* included = nullptr;  // files already included in this profile
  };

  void report(Severity severity, const std::string& code, const SourceRange& range, const IncludeChain& chain,
              std::string message, const ir::ProfileInstance* profile = nullptr) {
    sink_.report(makeDiagnostic(severity, code, range, chain, std::move(message), profile ? profile->name : ""));
  }

  // Counts one more of what a file may have only `limit` of; the first time past it, reports
  // `message()` as too-large. False past the limit.
  template <typename Message>
  bool withinLimit(std::size_t& count, std::size_t limit, const SourceRange& range, const Scope& scope,
                   Message message) {
    if (++count <= limit) return true;
    if (count == limit + 1) report(Severity::Error, "too-large", range, scope.chain, message(), scope.profile);
    return false;
  }

  void walk(const ir::Items& items, Scope& scope) {
    for (const auto& item : items) walkItem(*item, scope);
  }

  void walkItem(const ir::Item& item, Scope& scope) {
    if (!scope.profile && firstProfile_ && !preambleAfterProfileReported_ && isPreambleItem(item.kind))
      preambleAfterProfile(item, scope);
    switch (item.kind) {
      case ir::ItemKind::Include: return include(static_cast<const ir::Include&>(item), scope);
      case ir::ItemKind::Alias:
        if (scope.profile)
          report(Severity::Error, "alias-in-profile", item.range, scope.chain,
                 "alias rules belong in the preamble, before any profile", scope.profile);
        else
          policy_->aliases.push_back(static_cast<const ir::Alias*>(&item));
        return;
      case ir::ItemKind::Abi: return abi(static_cast<const ir::Abi&>(item), scope);
      case ir::ItemKind::VariableAssignment: return variable(static_cast<const ir::VariableAssignment&>(item), scope);
      case ir::ItemKind::BooleanAssignment: return boolean(static_cast<const ir::BooleanAssignment&>(item), scope);
      case ir::ItemKind::Conditional: return conditional(static_cast<const ir::Conditional&>(item), scope);
      case ir::ItemKind::Profile: return profile(static_cast<const ir::Profile&>(item), scope);
      case ir::ItemKind::QualifierBlock: {
        const auto& block = static_cast<const ir::QualifierBlock&>(item);
        if (!scope.profile) {
          if (!fileHasSyntaxErrors(scope))
            report(Severity::Error, "rule-outside-profile", block.range, scope.chain,
                   "a block of rules outside of a profile; rules belong inside 'profile NAME { ... }'");
          return;
        }
        Scope inner = scope;
        inner.qualifiers = scope.qualifiers.within(block.qualifiers);
        walk(block.items, inner);
        return;
      }
      case ir::ItemKind::Rule: return rule(static_cast<const ir::Rule&>(item), scope);
    }
  }

  static bool isPreambleItem(ir::ItemKind kind) {
    return kind == ir::ItemKind::Alias || kind == ir::ItemKind::Abi || kind == ir::ItemKind::VariableAssignment ||
           kind == ir::ItemKind::BooleanAssignment;
  }

  // A file, its includes inlined, is a preamble and then profiles: apparmor_parser's grammar has no
  // place for a definition after the first profile (a tunables include below a profile included).
  // Reported once: the definitions that follow are misplaced for the same reason.
  void preambleAfterProfile(const ir::Item& item, const Scope& scope) {
    preambleAfterProfileReported_ = true;
    const SourceRange& first = firstProfile_->range;
    report(Severity::Error, "preamble-after-profile", item.range, scope.chain,
           fmt::format("variable definitions, booleans, aliases and abi rules come before the first profile "
                       "('{}' at {}:{}); move this above it",
                       firstProfile_->name.text, first.file ? first.file->path() : "", first.line));
  }

  bool fileHasSyntaxErrors(const Scope& scope) const {
    auto it = syntaxErrorFiles_.find(scope.file);
    return it != syntaxErrorFiles_.end();
  }

  void variable(const ir::VariableAssignment& assignment, Scope& scope) {
    if (scope.profile) {
      report(Severity::Error, "variable-in-profile", assignment.range, scope.chain,
             fmt::format("variable @{{{}}} is defined inside a profile; variables belong in the preamble, before "
                         "any profile",
                         assignment.name.text),
             scope.profile);
      return;
    }
    policy_->assignments.push_back(&assignment);
    if (assignment.trailingComma)
      report(Severity::Error, "variable-trailing-comma", *assignment.trailingComma, scope.chain,
             "variable definitions do not end with a comma; remove it");
    if (auto problem = policy_->variables.assign(assignment))
      report(Severity::Error, "variable-redefined", assignment.name.range, scope.chain, *problem);
  }

  void boolean(const ir::BooleanAssignment& assignment, Scope& scope) {
    if (scope.profile) {
      report(Severity::Error, "variable-in-profile", assignment.range, scope.chain,
             fmt::format("boolean ${} is defined inside a profile; booleans belong in the preamble", assignment.name.text),
             scope.profile);
      return;
    }
    if (auto problem = policy_->variables.assignBoolean(assignment))
      report(Severity::Error, "boolean-invalid", assignment.range, scope.chain, *problem);
  }

  // nullopt: the condition cannot be decided (an error was reported).
  std::optional<bool> evaluate(const ir::Expression& e, const Scope& scope) {
    using Op = ir::Expression::Op;
    switch (e.op) {
      case Op::Boolean: {
        if (e.variable.text == "true") return true;
        if (e.variable.text == "false") return false;
        std::string name = variableName(e.variable.text);
        auto value = policy_->variables.boolean(name);
        if (!value)
          report(Severity::Error, "boolean-undefined", e.variable.range, scope.chain,
                 fmt::format("boolean ${} is used in a condition but never defined", name), scope.profile);
        return value;
      }
      case Op::Defined: {
        std::string name = variableName(e.variable.text);
        if (!e.variable.text.empty() && e.variable.text[0] == '$') return policy_->variables.boolean(name).has_value();
        return policy_->variables.find(name) != nullptr;
      }
      case Op::Not: {
        if (!e.left) return std::nullopt;
        auto value = evaluate(*e.left, scope);
        if (!value) return std::nullopt;
        return !*value;
      }
      case Op::And:
      case Op::Or: {
        if (!e.left || !e.right) return std::nullopt;
        auto left = evaluate(*e.left, scope);
        auto right = evaluate(*e.right, scope);
        if (!left || !right) return std::nullopt;
        return e.op == Op::And ? (*left && *right) : (*left || *right);
      }
      case Op::Compare: return compare(e, scope);
    }
    return std::nullopt;
  }

  std::vector<std::string> operandValues(const std::vector<ir::Word>& words, const Scope& scope) {
    std::vector<std::string> values;
    for (const ir::Word& word : words) {
      if (!word.quoted && !word.text.empty() && word.text[0] == '@') {
        std::string name = variableName(word.text);
        const auto* variable = policy_->variables.find(name);
        if (!variable) {
          report(Severity::Error, "variable-undefined", word.range, scope.chain,
                 fmt::format("variable @{{{}}} is used in a condition but never defined", name), scope.profile);
          continue;
        }
        for (const ir::Word* value : variable->values) values.push_back(value->text);
      } else {
        values.push_back(word.text);
      }
    }
    std::sort(values.begin(), values.end());
    return values;
  }

  static std::optional<long long> singleNumber(const std::vector<std::string>& values) {
    if (values.size() != 1 || values[0].empty()) return std::nullopt;
    char* end = nullptr;
    long long value = std::strtoll(values[0].c_str(), &end, 10);
    if (*end) return std::nullopt;
    return value;
  }

  // ==, != and "in" compare the sets of values; ordered comparisons compare two numbers, or two
  // sets of strings, but never a number with a string.
  std::optional<bool> compare(const ir::Expression& e, const Scope& scope) {
    auto left = operandValues(e.leftOperand, scope);
    auto right = operandValues(e.rightOperand, scope);
    const std::string& op = e.comparison;
    if (op == "==") return left == right;
    if (op == "!=") return left != right;
    if (op == "in") return std::includes(right.begin(), right.end(), left.begin(), left.end());
    auto l = singleNumber(left), r = singleNumber(right);
    if (l.has_value() != r.has_value()) {
      report(Severity::Error, "condition-type-mismatch", e.range, scope.chain,
             fmt::format("'{}' cannot compare a number with a string", op), scope.profile);
      return std::nullopt;
    }
    int order = l ? (*l < *r ? -1 : *l > *r ? 1 : 0) : (left < right ? -1 : left > right ? 1 : 0);
    if (op == "<") return order < 0;
    if (op == "<=") return order <= 0;
    if (op == ">") return order > 0;
    return order >= 0;
  }

  void conditional(const ir::Conditional& c, Scope& scope) {
    std::optional<bool> value = c.condition ? evaluate(*c.condition, scope) : std::nullopt;
    if (!value) return;
    walk(*value ? c.thenItems : c.elseItems, scope);
  }

  void profile(const ir::Profile& declaration, Scope& scope) {
    auto instance = std::make_unique<ir::ProfileInstance>();
    instance->declaration = &declaration;
    instance->hat = declaration.form == ir::Profile::Form::Hat;
    instance->chain = scope.chain;
    instance->parent = scope.profile;
    instance->name = scope.profile ? scope.profile->name + "//" + declaration.name.text : declaration.name.text;
    if (scope.profile && declaration.form == ir::Profile::Form::Path)
      report(Severity::Error, "child-profile-form", declaration.name.range, scope.chain,
             fmt::format("a child profile inside '{}' is declared with the keyword: profile {} {{ ... }}",
                         scope.profile->name, declaration.name.text),
             scope.profile);
    if (!scope.profile && scope.qualifiers.deny)
      report(Severity::Error, "qualifier-on-profile", declaration.range, scope.chain,
             "a profile cannot be inside a 'deny' block");
    ir::ProfileInstance* raw = instance.get();
    if (!scope.profile && !firstProfile_) firstProfile_ = &declaration;
    if (scope.profile) scope.profile->children.push_back(std::move(instance));
    else policy_->profiles.push_back(std::move(instance));

    std::set<std::string> included;
    Scope inner = scope;
    inner.profile = raw;
    inner.qualifiers = {};
    inner.included = &included;
    walk(declaration.items, inner);
  }

  void rule(const ir::Rule& rule, Scope& scope) {
    if (!scope.profile) {
      // After a syntax error the parser may have lost the enclosing profile: do not pile on.
      if (fileHasSyntaxErrors(scope)) return;
      report(Severity::Error, "rule-outside-profile", rule.range, scope.chain,
             fmt::format("{} rule outside of a profile; rules belong inside 'profile NAME {{ ... }}'",
                         ir::ruleKindKeyword(rule.ruleKind)));
      return;
    }
    if (!withinLimit(placedRules_, options_.maxRules, rule.range, scope, [&] {
          return fmt::format("with its includes this file places more than {} rules in its profiles (--max-rules); "
                             "aalint reads no further rules of it",
                             options_.maxRules);
        }))
      return;
    ir::PlacedRule placed;
    placed.rule = &rule;
    placed.qualifiers = scope.qualifiers.within(rule.qualifiers);
    if (!scope.keptChain) scope.keptChain = &policy_->placedChains.emplace_back(scope.chain);
    placed.chain = scope.keptChain;
    scope.profile->rules.push_back(std::move(placed));
  }

  void abi(const ir::Abi& abi, Scope& scope) {
    policy_->abis.push_back(&abi);
    if (abi.target.empty()) {
      report(Severity::Error, "abi-invalid", abi.range, scope.chain, "abi names no file: write abi <abi/3.0>,",
             scope.profile);
      return;
    }
    // <kernel> and <default> name the running kernel's features and the parser's built-in ones.
    if (abi.searched && (abi.target == "kernel" || abi.target == "default")) return;
    if (fileHasSyntaxErrors(scope)) return;  // the statement may not be what it seems
    const auto located = cache_.fileSystem().locate(options_.searchPath, abi.target, abi.searched);
    const FileSystemView::Status st = located ? cache_.fileSystem().status(*located) : FileSystemView::Status{ENOENT};
    if (!st.error && !S_ISREG(st.mode))
      report(Severity::Error, "abi-not-found", abi.range, scope.chain,
             fmt::format("abi '{}' names {}, not a features file", abi.target, *located), scope.profile);
    else if (st.error)
      report(Severity::Error, "abi-not-found", abi.range, scope.chain,
             abi.searched ? fmt::format("cannot find abi <{}> on the include search path ({}); add a directory with -I",
                                        abi.target, searchDirectories())
                          : fmt::format("cannot find abi file \"{}\"", abi.target),
             scope.profile);
  }

  std::string searchDirectories() const {
    std::string dirs;
    for (const auto& dir : options_.searchPath.directories()) dirs += (dirs.empty() ? "" : ", ") + dir;
    return dirs;
  }

  void include(const ir::Include& directive, Scope& scope) {
    // Past a limit nothing more is read.
    if (placedRules_ > options_.maxRules || includedFiles_ > options_.maxIncludes) return;
    (scope.profile ? scope.profile->includes : policy_->preambleIncludes).push_back({&directive, scope.chain});
    const std::optional<std::string> located =
        cache_.fileSystem().locate(options_.searchPath, directive.target, directive.searched);
    if (!located) {
      if (directive.ifExists) {
        policy_->missingOptionalIncludes.push_back({&directive, scope.chain});
        return;
      }
      report(Severity::Error, "include-not-found", directive.range, scope.chain,
             fmt::format("cannot find <{}> on the include search path ({}); add a directory with -I", directive.target,
                         searchDirectories()),
             scope.profile);
      return;
    }
    const std::string& path = *located;

    const FileSystemView::Status st = cache_.fileSystem().status(path);
    if (st.error) {
      if (directive.ifExists) {
        policy_->missingOptionalIncludes.push_back({&directive, scope.chain});
        return;
      }
      report(Severity::Error, "include-not-found", directive.range, scope.chain,
             fmt::format("cannot open include '{}': {}", path, std::strerror(st.error)), scope.profile);
      return;
    }
    IncludeChain chain = scope.chain;
    chain.push_back({scope.file, directive.range.line});
    if (chain.size() > options_.maxIncludeDepth) {
      report(Severity::Error, "include-too-deep", directive.range, scope.chain,
             fmt::format("includes nest deeper than {} levels (--max-include-depth)", options_.maxIncludeDepth),
             scope.profile);
      return;
    }
    if (S_ISDIR(st.mode)) {
      for (const std::string& file : cache_.fileSystem().policyFiles(path)) includeFile(file, directive, scope, chain);
      return;
    }
    if (!S_ISREG(st.mode)) {
      report(Severity::Error, "include-not-regular", directive.range, scope.chain,
             fmt::format("include target '{}' is {}, not a regular file or directory", path,
                         S_ISFIFO(st.mode) ? "a FIFO" : (S_ISCHR(st.mode) || S_ISBLK(st.mode)) ? "a device"
                                                                                                        : "a special file"),
             scope.profile);
      return;
    }
    includeFile(path, directive, scope, chain);
  }

  void includeFile(const std::string& path, const ir::Include& directive, Scope& scope, const IncludeChain& chain) {
    std::string canonical = cache_.fileSystem().canonical(path);
    for (const std::string& open : scope.fileStack) {
      if (open == canonical) {
        report(Severity::Info, "include-cycle", directive.range, scope.chain,
               fmt::format("'{}' includes itself through this include; apparmor_parser ignores the repeated include",
                           path),
               scope.profile);
        return;
      }
    }
    std::set<std::string>& included = scope.included ? *scope.included : preambleIncluded_;
    if (!included.insert(canonical).second) return;
    if (!withinLimit(includedFiles_, options_.maxIncludes, directive.range, scope, [&] {
          return fmt::format("this file includes files more than {} times, once per profile that includes them "
                             "(--max-includes); aalint reads no further includes of it",
                             options_.maxIncludes);
        }))
      return;

    const ParsedFile& parsed = cache_.get(path, sink_, chain);
    if (parsed.failure) {
      SourceRange at = directive.range;
      std::string message = fmt::format("cannot read include '{}': {}", path, parsed.failure->message);
      if (parsed.failure->line)
        message = fmt::format("cannot read include '{}': line {}, column {} {}", path, parsed.failure->line,
                              parsed.failure->column, parsed.failure->message);
      report(Severity::Error, "include-unreadable", at, scope.chain, message, scope.profile);
      return;
    }
    if (std::find(policy_->files.begin(), policy_->files.end(), parsed.source.get()) == policy_->files.end())
      policy_->files.push_back(parsed.source.get());
    if (parsed.ir->hasSyntaxErrors) syntaxErrorFiles_.insert(parsed.source.get());
    Scope inner = scope;
    inner.file = parsed.source.get();
    inner.chain = chain;
    inner.keptChain = nullptr;
    inner.fileStack.push_back(canonical);
    walk(parsed.ir->items, inner);
  }

  static bool usesVariables(const ir::Word& word) { return word.text.find("@{") != std::string::npos; }

  // Expands `word` into expansion_, reporting what is wrong with it.
  void expandChecked(const ir::Word& word, const ir::PlacedRule& placed, const ir::ProfileInstance& p) {
    policy_->variables.expand(word.text, &profileValues_, expansion_);
    for (const std::string& error : expansion_.errors)
      report(Severity::Error, "variable-undefined", word.range, *placed.chain, error, &p);
    if (expansion_.tooLarge) report(Severity::Error, "too-large", word.range, *placed.chain, *expansion_.tooLarge, &p);
  }

  // The expansion of a placed rule's path, kept for as long as the rule: a path without variables
  // is its own expansion, kept in the file's IR with the rule.
  const std::string& expand(const ir::Word& word, const ir::PlacedRule& placed, const ir::ProfileInstance& p) {
    if (!usesVariables(word)) return word.text;
    ExpansionMemo* memo = options_.expansions;
    if (memo)
      if (const std::string* known = memo->find(word, variablesNumber_)) return *known;
    expandChecked(word, placed, p);
    const std::string& expanded = expansion_.text == word.text ? word.text
                                  : options_.strings         ? options_.strings->intern(expansion_.text)
                                                             : policy_->ownStrings.emplace_back(std::move(expansion_.text));
    if (memo && expansion_.errors.empty() && !expansion_.tooLarge && !expansion_.namesProfile)
      memo->remember(word, variablesNumber_, expanded);
    return expanded;
  }

  void expandProfile(ir::ProfileInstance& p) {
    const ir::Profile& declaration = *p.declaration;
    std::optional<std::string> attach;
    if (declaration.attachment) attach = declaration.attachment->text;
    else if (declaration.form != ir::Profile::Form::Hat && !declaration.name.text.empty() &&
             declaration.name.text[0] == '/')
      attach = declaration.name.text;  // a profile named by a path attaches to it
    policy_->variables.setProfileContext(p.name, attach);
    profileValues_ = {};
    p.rules.shrink_to_fit();  // all placed: a lint run keeps every profile of every file
    for (ir::PlacedRule& placed : p.rules) {
      if (placed.rule->ruleKind == ir::RuleKind::File) {
        const auto& file = static_cast<const ir::FileRule&>(*placed.rule);
        if (file.path) placed.expandedPath = &expand(*file.path, placed, p);
        if (file.execTarget) placed.expandedTarget = &expand(*file.execTarget, placed, p);
      } else if (placed.rule->ruleKind == ir::RuleKind::Link) {
        const auto& link = static_cast<const ir::LinkRule&>(*placed.rule);
        placed.expandedPath = &expand(link.path, placed, p);
        placed.expandedTarget = &expand(link.target, placed, p);
      } else if (auto* cls = dynamic_cast<const ir::ClassRule*>(placed.rule)) {
        checkClassVariables(*cls, placed, p);
      }
    }
    for (auto& child : p.children) expandProfile(*child);
  }

  void checkWord(const ir::Word& word, const ir::PlacedRule& placed, const ir::ProfileInstance& p) {
    if (!usesVariables(word)) return;
    expandChecked(word, placed, p);
  }

  void checkCondition(const ir::Condition& c, const ir::PlacedRule& placed, const ir::ProfileInstance& p) {
    for (const auto& value : c.values) checkWord(value, placed, p);
    for (const auto& nested : c.nested) checkCondition(nested, placed, p);
  }

  void checkClassVariables(const ir::ClassRule& rule, const ir::PlacedRule& placed, const ir::ProfileInstance& p) {
    for (const ir::Argument& argument : rule.arguments) {
      checkWord(argument.word, placed, p);
      checkCondition(argument.condition, placed, p);
      for (const auto& word : argument.list) checkWord(word, placed, p);
      for (const auto& c : argument.listConditions) checkCondition(c, placed, p);
    }
  }

  void expandVariables() {
    if (options_.expansions) variablesNumber_ = options_.expansions->tableOf(policy_->variables);
    for (auto& p : policy_->profiles) expandProfile(*p);
  }

  FileCache& cache_;
  const ElaborationOptions& options_;
  std::size_t placedRules_ = 0;
  std::size_t includedFiles_ = 0;
  const ir::Profile* firstProfile_ = nullptr;  // the first at the top level, includes inlined
  bool preambleAfterProfileReported_ = false;
  DiagnosticSink& sink_;
  std::unique_ptr<ir::Policy> policy_;
  std::set<std::string> preambleIncluded_;
  std::set<const SourceFile*> syntaxErrorFiles_;
  VariableTable::ValuesMemo profileValues_;  // of the profile being expanded
  VariableTable::Expansion expansion_;         // the last one, its storage reused
  std::uint32_t variablesNumber_ = 0;          // of the policy's variables, in options_.expansions
};

}  // namespace

std::unique_ptr<ir::Policy> elaborate(const ParsedFile& parsed, FileCache& cache, const ElaborationOptions& options,
                                      DiagnosticSink& sink) {
  return Elaborator(cache, options, sink).run(parsed);
}

}  // namespace aalint
