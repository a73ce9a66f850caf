#include "frontend/ir_builder.h"

#include <set>

#include "AppArmorLexer.h"
#include "frontend/token_range.h"
#include "frontend/variables.h"
#include "support/source_file.h"

namespace aalint {

using grammar::AppArmorLexer;

ir::Word IrBuilder::word(antlr4::Token* token) {
  ir::Word w;
  if (!token) return w;
  w.range = tokenRange(&source_, token);
  w.text = token->getText();
  if (w.text.size() >= 2 && w.text.front() == '"' && w.text.back() == '"') {
    w.text = w.text.substr(1, w.text.size() - 2);
    w.quoted = true;
  }
  return w;
}

ir::Word IrBuilder::word(antlr4::tree::TerminalNode* node) { return word(node ? node->getSymbol() : nullptr); }

std::vector<ir::Word> IrBuilder::words(const std::vector<antlr4::tree::TerminalNode*>& nodes) {
  std::vector<ir::Word> result;
  for (auto* node : nodes) result.push_back(word(node));
  return result;
}

SourceRange IrBuilder::range(antlr4::ParserRuleContext* context) { return contextRange(&source_, context); }

void IrBuilder::error(const SourceRange& range, const std::string& code, const std::string& message) {
  ++errors_;
  sink_.report(makeDiagnostic(Severity::Error, code, range, chain_, message));
}

void IrBuilder::build(P::PolicyContext* tree, ir::File& file) {
  if (tree) file.items = items(tree->item());
}

void IrBuilder::collectComments(antlr4::CommonTokenStream& tokens, ir::File& file) {
  tokens.fill();
  for (antlr4::Token* token : tokens.getTokens()) {
    if (token->getChannel() != AppArmorLexer::COMMENTS) continue;
    file.comments.push_back({token->getText(), tokenRange(&source_, token)});
  }
}

ir::Items IrBuilder::items(const std::vector<P::ItemContext*>& contexts) {
  ir::Items result;
  for (auto* context : contexts)
    if (auto built = item(context)) result.push_back(std::move(built));
  return result;
}

std::unique_ptr<ir::Item> IrBuilder::item(P::ItemContext* c) {
  std::unique_ptr<ir::Item> built;
  if (c->include()) built = include(c->include());
  else if (c->abi()) built = abi(c->abi());
  else if (c->alias()) built = alias(c->alias());
  else if (c->variableAssignment()) built = variableAssignment(c->variableAssignment());
  else if (c->booleanAssignment()) built = booleanAssignment(c->booleanAssignment());
  else if (c->conditional()) built = conditional(c->conditional());
  else if (c->profile()) built = profile(c->profile());
  else if (c->qualifierBlock()) built = qualifierBlock(c->qualifierBlock());
  else if (c->rule_()) built = rule(c->rule_());
  if (built) built->range = range(c);
  return built;
}


// The file an include or abi names: <name>, < "name with spaces" >, "quoted" or bare.
static std::string includeTargetText(grammar::AppArmorParser::IncludeTargetContext* t) {
  std::string text = t->getText();
  if (t->INC_MAGIC()) text = text.substr(1, text.size() - 2);
  size_t b = text.find_first_not_of(" \t"), e = text.find_last_not_of(" \t");
  text = b == std::string::npos ? std::string() : text.substr(b, e - b + 1);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  return text;
}

std::unique_ptr<ir::Item> IrBuilder::include(P::IncludeContext* c) {
  auto inc = std::make_unique<ir::Include>();
  inc->pound = c->POUND_INCLUDE() != nullptr;
  inc->ifExists = c->INC_EXISTS() != nullptr;
  if (auto* t = c->includeTarget()) {
    inc->searched = t->INC_MAGIC() != nullptr;
    inc->target = includeTargetText(t);
  }
  return inc;
}

std::unique_ptr<ir::Item> IrBuilder::abi(P::AbiContext* c) {
  auto result = std::make_unique<ir::Abi>();
  if (auto* t = c->includeTarget()) {
    result->searched = t->INC_MAGIC() != nullptr;
    result->target = includeTargetText(t);
  }
  return result;
}

std::unique_ptr<ir::Item> IrBuilder::alias(P::AliasContext* c) {
  auto result = std::make_unique<ir::Alias>();
  if (c->path()) result->from = word(c->path()->getStart());
  result->to = word(c->NAME_WORD());
  return result;
}

static ir::AssignmentOp assignmentOp(antlr4::ParserRuleContext* c) {
  if (c->getToken(AppArmorLexer::PLUS_EQUALS, 0)) return ir::AssignmentOp::Append;
  if (c->getToken(AppArmorLexer::COND_EQUALS, 0)) return ir::AssignmentOp::SetIfUnset;
  if (c->getToken(AppArmorLexer::OVERRIDE_EQUALS, 0)) return ir::AssignmentOp::Override;
  return ir::AssignmentOp::Set;
}

std::unique_ptr<ir::Item> IrBuilder::variableAssignment(P::VariableAssignmentContext* c) {
  auto result = std::make_unique<ir::VariableAssignment>();
  result->name = word(c->VARIABLE());
  result->name.text = variableName(result->name.text);
  result->op = assignmentOp(c);
  for (auto* value : c->assignmentValue()) result->values.push_back(word(value->A_WORD()));
  if (c->trailingComma) result->trailingComma = tokenRange(&source_, c->trailingComma);
  return result;
}


std::unique_ptr<ir::Item> IrBuilder::booleanAssignment(P::BooleanAssignmentContext* c) {
  auto result = std::make_unique<ir::BooleanAssignment>();
  result->name = word(c->BOOLVAR());
  result->name.text = variableName(result->name.text);
  result->op = assignmentOp(c);
  for (auto* value : c->assignmentValue()) result->values.push_back(word(value->A_WORD()));
  return result;
}

std::unique_ptr<ir::Item> IrBuilder::conditional(P::ConditionalContext* c) {
  auto result = std::make_unique<ir::Conditional>();
  if (c->expression()) result->condition = expression(c->expression());
  auto blocks = c->block();
  if (!blocks.empty()) result->thenItems = items(blocks[0]->item());
  if (auto* elseIf = c->conditional()) {
    auto nested = conditional(elseIf);
    nested->range = range(elseIf);
    result->elseItems.push_back(std::move(nested));
  } else if (blocks.size() > 1) {
    result->elseItems = items(blocks[1]->item());
  }
  return result;
}


std::unique_ptr<ir::Expression> IrBuilder::expression(P::ExpressionContext* c) {
  auto e = std::make_unique<ir::Expression>();
  e->range = range(c);
  if (auto* g = dynamic_cast<P::GroupExpressionContext*>(c)) {
    if (g->expression()) return expression(g->expression());
  } else if (auto* n = dynamic_cast<P::NotExpressionContext*>(c)) {
    e->op = ir::Expression::Op::Not;
    if (n->expression()) e->left = expression(n->expression());
  } else if (auto* a = dynamic_cast<P::AndExpressionContext*>(c)) {
    e->op = ir::Expression::Op::And;
    if (a->left) e->left = expression(a->left);
    if (a->right) e->right = expression(a->right);
  } else if (auto* o = dynamic_cast<P::OrExpressionContext*>(c)) {
    e->op = ir::Expression::Op::Or;
    if (o->left) e->left = expression(o->left);
    if (o->right) e->right = expression(o->right);
  } else if (auto* d = dynamic_cast<P::DefinedExpressionContext*>(c)) {
    e->op = ir::Expression::Op::Defined;
    e->variable = word(d->VARIABLE() ? d->VARIABLE() : d->BOOLVAR());
  } else if (auto* b = dynamic_cast<P::BooleanExpressionContext*>(c)) {
    e->op = ir::Expression::Op::Boolean;
    e->variable = word(b->getStart());
  } else if (auto* cmp = dynamic_cast<P::ComparisonExpressionContext*>(c)) {
    e->op = ir::Expression::Op::Compare;
    if (cmp->comparison()) e->comparison = cmp->comparison()->getText();
    auto collect = [&](P::OperandContext* operand, std::vector<ir::Word>& into) {
      if (!operand) return;
      for (auto* token : operand->children)
        if (auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(token)) {
          auto type = terminal->getSymbol()->getType();
          if (type != AppArmorLexer::E_LPAREN && type != AppArmorLexer::E_RPAREN) into.push_back(word(terminal));
        } else if (auto* inner = dynamic_cast<P::OperandContext*>(token)) {
          for (auto* leaf : inner->children)
            if (auto* t = dynamic_cast<antlr4::tree::TerminalNode*>(leaf)) into.push_back(word(t));
        }
    };
    collect(cmp->left, e->leftOperand);
    collect(cmp->right, e->rightOperand);
  }
  return e;
}

std::unique_ptr<ir::Item> IrBuilder::profile(P::ProfileContext* c) {
  auto result = std::make_unique<ir::Profile>();
  P::BlockContext* body = nullptr;
  std::vector<P::ProfileConditionContext*> conditions;
  if (auto* named = dynamic_cast<P::NamedProfileContext*>(c)) {
    result->form = ir::Profile::Form::Keyword;
    result->name = word(named->NAME_WORD());
    if (named->path()) result->attachment = word(named->path()->getStart());
    conditions = named->profileCondition();
    body = named->block();
  } else if (auto* byPath = dynamic_cast<P::PathProfileContext*>(c)) {
    result->form = ir::Profile::Form::Path;
    if (byPath->name) result->name = word(byPath->name->getStart());
    if (byPath->attachment) result->attachment = word(byPath->attachment->getStart());
    conditions = byPath->profileCondition();
    body = byPath->block();
  } else if (auto* hat = dynamic_cast<P::HatProfileContext*>(c)) {
    result->form = ir::Profile::Form::Hat;
    result->caret = hat->CARET() != nullptr;
    result->name = word(hat->NAME_WORD());
    if (hat->path()) result->attachment = word(hat->path()->getStart());
    conditions = hat->profileCondition();
    body = hat->block();
  }
  for (auto* condition : conditions) {
    if (condition->condition()) {
      result->conditions.push_back(this->condition(condition->condition()));
      result->conditions.back().plus = condition->PLUS() != nullptr;
    } else if (auto* list = condition->valueList()) {
      ir::Condition flags;
      flags.name = ir::Word{"flags", range(list), false};
      flags.range = range(list);
      flags.list = true;
      valueList(list, flags.values, flags.nested);
      result->conditions.push_back(std::move(flags));
    }
  }
  if (body) {
    result->items = items(body->item());
    result->header = spanning(tokenRange(&source_, c->getStart()), tokenRange(&source_, body->getStart()));
  }
  return result;
}

std::unique_ptr<ir::Item> IrBuilder::qualifierBlock(P::QualifierBlockContext* c) {
  auto result = std::make_unique<ir::QualifierBlock>();
  result->qualifiers = qualifiers(c->qualifier());
  if (c->block()) result->items = items(c->block()->item());
  return result;
}

ir::Qualifiers IrBuilder::qualifiers(const std::vector<P::QualifierContext*>& contexts) {
  ir::Qualifiers q;
  for (auto* c : contexts) {
    q.written.push_back(word(c->getStart()));
    if (c->AUDIT()) q.audit = true;
    else if (c->ALLOW()) q.allow = true;
    else if (c->DENY()) q.deny = true;
    else if (c->OWNER()) q.owner = true;
    else if (c->OTHER()) q.other = true;
    else if (c->QUIET()) q.quiet = true;
    else if (c->SAFE()) q.safe = true;
    else if (c->UNSAFE()) q.unsafe = true;
    else if (auto* p = c->priority()) {
      if (p->conditionValue()) q.priority = word(p->conditionValue()->getStart());
    }
  }
  return q;
}

std::unique_ptr<ir::Item> IrBuilder::rule(P::Rule_Context* c) {
  if (!c->ruleBody()) return nullptr;
  auto result = ruleBody(c->ruleBody());
  if (!result) return nullptr;
  ir::Qualifiers written = qualifiers(c->qualifier());
  written.mergeFrom(result->qualifiers);
  result->qualifiers = written;
  return result;
}

// The kind of a class rule, from the keyword that starts it.
static ir::RuleKind classKind(std::size_t keyword) {
  using K = ir::RuleKind;
  switch (keyword) {
    case AppArmorLexer::NETWORK: return K::Network;
    case AppArmorLexer::MOUNT: return K::Mount;
    case AppArmorLexer::REMOUNT: return K::Remount;
    case AppArmorLexer::UMOUNT: return K::Umount;
    case AppArmorLexer::PIVOT_ROOT: return K::PivotRoot;
    case AppArmorLexer::CHANGE_PROFILE: return K::ChangeProfile;
    case AppArmorLexer::SET: return K::Rlimit;
    case AppArmorLexer::PTRACE: return K::Ptrace;
    case AppArmorLexer::SIGNAL: return K::Signal;
    case AppArmorLexer::DBUS: return K::Dbus;
    case AppArmorLexer::UNIX: return K::Unix;
    case AppArmorLexer::MQUEUE: return K::Mqueue;
    case AppArmorLexer::IO_URING: return K::IoUring;
    default: return K::Userns;
  }
}

std::unique_ptr<ir::Rule> IrBuilder::ruleBody(P::RuleBodyContext* c) {
  if (c->fileRule()) return fileRule(c->fileRule());
  if (auto* l = c->linkRule()) {
    auto link = std::make_unique<ir::LinkRule>();
    link->subset = l->SUBSET() != nullptr;
    if (l->path()) link->path = word(l->path()->getStart());
    link->target = word(l->NAME_WORD());
    return link;
  }
  if (auto* cap = c->capabilityRule()) {
    auto rule = std::make_unique<ir::CapabilityRule>();
    rule->names = words(cap->ID());
    return rule;
  }
  if (c->allRule()) return std::make_unique<ir::AllRule>();
  if (auto* r = c->classRule()) return classRule(classKind(r->getStart()->getType()), r->getStart(), r->ruleArgument());
  return nullptr;
}

std::unique_ptr<ir::Rule> IrBuilder::fileRule(P::FileRuleContext* c) {
  auto rule = std::make_unique<ir::FileRule>();
  auto fill = [&](P::FileKeywordContext* fileKeyword, P::PathContext* path, P::PermissionsContext* perms,
                  P::ExecTargetContext* target) {
    rule->fileKeyword = fileKeyword != nullptr;
    if (fileKeyword && fileKeyword->SAFE()) rule->qualifiers.safe = true;
    if (fileKeyword && fileKeyword->UNSAFE()) rule->qualifiers.unsafe = true;
    if (path) rule->path = word(path->getStart());
    if (perms) rule->permissions = word(perms->ID());
    if (target) rule->execTarget = word(target->NAME_WORD());
  };
  if (auto* a = dynamic_cast<P::PathFirstFileRuleContext*>(c)) {
    fill(a->fileKeyword(), a->path(), a->permissions(), a->execTarget());
  } else if (auto* b = dynamic_cast<P::PermissionsFirstFileRuleContext*>(c)) {
    fill(b->fileKeyword(), b->path(), b->permissions(), b->execTarget());
    rule->permissionsFirst = true;
  } else if (auto* bare = dynamic_cast<P::BareFileRuleContext*>(c)) {
    fill(bare->fileKeyword(), nullptr, bare->permissions(), nullptr);
  }
  return rule;
}

void IrBuilder::valueList(P::ValueListContext* c, std::vector<ir::Word>& words,
                          std::vector<ir::Condition>& conditions) {
  for (auto* item : c->listItem()) {
    if (item->condition()) conditions.push_back(condition(item->condition()));
    else words.push_back(word(item->getStart()));
  }
}

void IrBuilder::conditionValue(P::ConditionValueContext* c, ir::Condition& into) {
  if (!c) return;
  if (auto* list = c->valueList()) {
    into.list = true;
    valueList(list, into.values, into.nested);
  } else {
    into.values.push_back(word(c->getStart()));
  }
}

ir::Condition IrBuilder::condition(P::ConditionContext* c) {
  ir::Condition result;
  result.range = range(c);
  antlr4::Token* key = c->getStart();
  result.name = word(key);
  std::string& name = result.name.text;
  while (!name.empty() && (name.back() == '=' || name.back() == ':' || name.back() == ' ' || name.back() == '\t'))
    name.pop_back();
  result.name.range.endColumn = result.name.range.column + static_cast<std::uint32_t>(name.size()) - 1;
  conditionValue(c->conditionValue(), result);
  return result;
}

// A word that starts a rule, met at the start of a line inside a class rule: the rule before it
// lacks its comma ("network inet tcp" newline "network inet udp,").
static bool startsRule(const std::string& word) {
  static const std::set<std::string> keywords = {
      "network", "capability", "file", "link", "mount", "remount", "umount", "unmount", "pivot_root",
      "change_profile", "ptrace", "signal", "dbus", "unix", "mqueue", "io_uring", "userns", "deny",
      "allow", "audit", "owner", "include", "profile", "set"};
  return keywords.count(word) > 0;
}

std::unique_ptr<ir::Rule> IrBuilder::classRule(ir::RuleKind kind, antlr4::Token* keyword,
                                               const std::vector<P::RuleArgumentContext*>& args) {
  auto rule = std::make_unique<ir::ClassRule>(kind);
  SourceRange previous = tokenRange(&source_, keyword);
  bool reportedMissingComma = false;
  for (auto* a : args) {
    SourceRange here = range(a);
    if (!reportedMissingComma && a->WORD() && here.line > previous.endLine && startsRule(a->WORD()->getText())) {
      SourceRange at{&source_, previous.endLine, previous.endColumn + 1, previous.endLine, previous.endColumn + 1};
      error(at, "syntax-error", "missing ',' at end of rule");
      reportedMissingComma = true;
      rule->malformed = true;
    }
    previous = here;
    ir::Argument argument;
    argument.range = range(a);
    if (a->condition()) {
      argument.kind = ir::Argument::Kind::Condition;
      argument.condition = condition(a->condition());
    } else if (a->valueList()) {
      argument.kind = ir::Argument::Kind::List;
      valueList(a->valueList(), argument.list, argument.listConditions);
    } else {
      antlr4::Token* token = a->getStart();
      argument.word = word(token);
      if (token->getType() == AppArmorLexer::ARROW) argument.kind = ir::Argument::Kind::Arrow;
      else if (token->getType() == AppArmorLexer::R_LE) argument.kind = ir::Argument::Kind::LessEqual;
      else argument.kind = ir::Argument::Kind::Word;
    }
    rule->arguments.push_back(std::move(argument));
  }
  foldInConditions(*rule);
  return rule;
}

// "options in (ro rw)" is a condition written with "in": NAME "in" (LIST).
void IrBuilder::foldInConditions(ir::ClassRule& rule) {
  auto& args = rule.arguments;
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i].kind != ir::Argument::Kind::Word || args[i + 1].kind != ir::Argument::Kind::Word ||
        args[i + 1].word.text != "in" || args[i].word.quoted)
      continue;
    ir::Argument folded;
    folded.kind = ir::Argument::Kind::Condition;
    folded.condition.name = args[i].word;
    folded.condition.in = true;
    std::size_t consumed = 2;
    if (i + 2 < args.size() && args[i + 2].kind == ir::Argument::Kind::List) {
      folded.condition.list = true;
      folded.condition.values = args[i + 2].list;
      folded.condition.nested = args[i + 2].listConditions;
      consumed = 3;
    } else {
      error(args[i + 1].range, "syntax-error",
            "'in' takes a parenthesized list of values, as in: " + args[i].word.text + " in (a b)");
    }
    folded.range = spanning(args[i].range, args[i + consumed - 1].range);
    folded.condition.range = folded.range;
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i + consumed));
    args.insert(args.begin() + static_cast<std::ptrdiff_t>(i), std::move(folded));
  }
}

}  // namespace aalint
