// The IR: a typed model of AppArmor policy as written. Every node keeps its source range.
//
// One ir::File per source file, parsed once however often it is included. Items keep the nesting
// the author wrote (profiles, qualifier blocks, conditionals); ir/policy.h holds the elaborated
// view, in which includes are expanded, variables substituted and conditionals decided.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/diagnostic.h"

namespace aalint::ir {

// A token of the source: its text with quotes removed, and where it was written.
struct Word {
  std::string text;
  SourceRange range;
  bool quoted = false;
};

// name=value, name=(v1 v2), peer=(label=x addr=y).
struct Condition {
  Word name;
  std::vector<Word> values;
  std::vector<Condition> nested;  // conditions inside a parenthesized value
  bool list = false;              // the value was parenthesized
  bool in = false;                // written "name in (...)" rather than "name=..."
  bool plus = false;              // profile header: "+ identities=(...)"
  SourceRange range;
};

// What the qualifier words say, priority aside.
struct QualifierFlags {
  bool audit = false;
  bool allow = false;
  bool deny = false;
  bool owner = false;
  bool other = false;
  bool quiet = false;
  bool safe = false;    // exec: scrub the environment
  bool unsafe = false;  // exec: keep the environment

  // Adds the flags of `more` (an enclosing block's, or a rule's own).
  void join(const QualifierFlags& more);
};

struct Qualifiers : QualifierFlags {
  std::optional<Word> priority;
  std::vector<Word> written;  // the qualifier words of this rule or block, in the order written

  // Qualifiers of an enclosing block apply to every rule inside it.
  void mergeFrom(const Qualifiers& outer);
};

// The qualifiers in effect inside blocks and for a placed rule: the blocks' around it and its own.
// The words as written stay in the IR of the rule and the blocks.
struct EffectiveQualifiers : QualifierFlags {
  const Word* priority = nullptr;  // the innermost one given

  // In effect within a rule or block that has `own` qualifiers, inside these.
  EffectiveQualifiers within(const Qualifiers& own) const;
};

enum class ItemKind { Include, Abi, Alias, VariableAssignment, BooleanAssignment, Conditional, Profile, QualifierBlock, Rule };

struct Item {
  explicit Item(ItemKind k) : kind(k) {}
  virtual ~Item() = default;
  ItemKind kind;
  SourceRange range;
};
using Items = std::vector<std::unique_ptr<Item>>;

struct Include : Item {
  Include() : Item(ItemKind::Include) {}
  std::string target;
  bool searched = false;  // <magic>: looked up on the search path; "quoted" or bare: a path
  bool ifExists = false;
  bool pound = false;     // written "#include"
};

struct Abi : Item {
  Abi() : Item(ItemKind::Abi) {}
  std::string target;
  bool searched = false;
};

struct Alias : Item {
  Alias() : Item(ItemKind::Alias) {}
  Word from;
  Word to;
};

enum class AssignmentOp { Set, Append, SetIfUnset, Override };

struct VariableAssignment : Item {
  VariableAssignment() : Item(ItemKind::VariableAssignment) {}
  Word name;  // without "@{" and "}"
  AssignmentOp op = AssignmentOp::Set;
  std::vector<Word> values;
  std::optional<SourceRange> trailingComma;
};

struct BooleanAssignment : Item {
  BooleanAssignment() : Item(ItemKind::BooleanAssignment) {}
  Word name;  // without "$", "${" and "}"
  AssignmentOp op = AssignmentOp::Set;
  std::vector<Word> values;
};

struct Expression {
  enum class Op { Boolean, Defined, Not, And, Or, Compare };
  Op op = Op::Boolean;
  Word variable;            // Boolean, Defined: "$name", "@{name}", "true" or "false" as written
  std::string comparison;   // Compare: == != < <= > >= in
  std::vector<Word> leftOperand, rightOperand;
  std::unique_ptr<Expression> left, right;
  SourceRange range;
};

struct Conditional : Item {
  Conditional() : Item(ItemKind::Conditional) {}
  std::unique_ptr<Expression> condition;
  Items thenItems;
  Items elseItems;  // an "else if" is a single Conditional here
};

struct Profile : Item {
  enum class Form { Keyword, Path, Hat };
  Profile() : Item(ItemKind::Profile) {}
  Form form = Form::Keyword;
  bool caret = false;  // a hat written "^name" rather than "hat name"
  Word name;
  std::optional<Word> attachment;
  std::vector<Condition> conditions;  // flags=(...), xattrs=(...), ...; "(complain)" is named "flags"
  Items items;
  SourceRange header;  // from the keyword to the opening brace
};

struct QualifierBlock : Item {
  QualifierBlock() : Item(ItemKind::QualifierBlock) {}
  Qualifiers qualifiers;
  Items items;
};

enum class RuleKind {
  File, Link, Capability, Network, Mount, Remount, Umount, PivotRoot, ChangeProfile, Rlimit,
  Ptrace, Signal, Dbus, Unix, Mqueue, IoUring, Userns, All
};
const char* ruleKindKeyword(RuleKind kind);

struct Rule : Item {
  explicit Rule(RuleKind k) : Item(ItemKind::Rule), ruleKind(k) {}
  RuleKind ruleKind;
  Qualifiers qualifiers;
  bool malformed = false;  // a syntax error was recovered inside it: semantic checks skip it
};

// [file] PATH PERMS [-> TARGET],  [file] PERMS PATH [-> TARGET],  file [PERMS],
struct FileRule : Rule {
  FileRule() : Rule(RuleKind::File) {}
  bool fileKeyword = false;
  bool permissionsFirst = false;
  std::optional<Word> path;
  std::optional<Word> permissions;
  std::optional<Word> execTarget;
};

// link [subset] PATH -> TARGET,
struct LinkRule : Rule {
  LinkRule() : Rule(RuleKind::Link) {}
  bool subset = false;
  Word path;
  Word target;
};

// capability [NAME...],
struct CapabilityRule : Rule {
  CapabilityRule() : Rule(RuleKind::Capability) {}
  std::vector<Word> names;
};

// One argument of a class rule, in the order written.
struct Argument {
  enum class Kind { Word, Condition, List, Arrow, LessEqual };
  Kind kind = Kind::Word;
  Word word;                   // Word; the operator for Arrow and LessEqual
  Condition condition;         // Condition
  std::vector<Word> list;      // List: the words of "( ... )"
  std::vector<Condition> listConditions;
  SourceRange range;
};

// network, mount, remount, umount, pivot_root, change_profile, set rlimit, ptrace, signal, dbus,
// unix, mqueue, io_uring, userns: their arguments, checked against each class's vocabulary when
// the policy is validated.
struct ClassRule : Rule {
  explicit ClassRule(RuleKind k) : Rule(k) {}
  std::vector<Argument> arguments;
};

// all,
struct AllRule : Rule {
  AllRule() : Rule(RuleKind::All) {}
};

struct Comment {
  std::string text;
  SourceRange range;
};

struct File {
  const SourceFile* source = nullptr;
  Items items;
  std::vector<Comment> comments;
  bool hasSyntaxErrors = false;
};

}  // namespace aalint::ir
