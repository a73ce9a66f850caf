// Parse tree -> IR. The only code that sees ANTLR's parse trees; everything downstream works on ir::.
#pragma once

#include <CommonTokenStream.h>

#include "AppArmorParser.h"
#include "ir/ir.h"

namespace aalint {

class SourceFile;

class IrBuilder {
public:
  IrBuilder(const SourceFile& source, DiagnosticSink& sink, const IncludeChain& chain)
      : source_(source), sink_(sink), chain_(chain) {}

  void build(grammar::AppArmorParser::PolicyContext* tree, ir::File& file);
  void collectComments(antlr4::CommonTokenStream& tokens, ir::File& file);
  std::size_t errorCount() const { return errors_; }

private:
  using P = grammar::AppArmorParser;

  ir::Items items(const std::vector<P::ItemContext*>& contexts);
  std::unique_ptr<ir::Item> item(P::ItemContext* context);
  std::unique_ptr<ir::Item> include(P::IncludeContext* context);
  std::unique_ptr<ir::Item> abi(P::AbiContext* context);
  std::unique_ptr<ir::Item> alias(P::AliasContext* context);
  std::unique_ptr<ir::Item> variableAssignment(P::VariableAssignmentContext* context);
  std::unique_ptr<ir::Item> booleanAssignment(P::BooleanAssignmentContext* context);
  std::unique_ptr<ir::Item> conditional(P::ConditionalContext* context);
  std::unique_ptr<ir::Expression> expression(P::ExpressionContext* context);
  std::unique_ptr<ir::Item> profile(P::ProfileContext* context);
  std::unique_ptr<ir::Item> qualifierBlock(P::QualifierBlockContext* context);
  std::unique_ptr<ir::Item> rule(P::Rule_Context* context);
  std::unique_ptr<ir::Rule> ruleBody(P::RuleBodyContext* context);
  std::unique_ptr<ir::Rule> fileRule(P::FileRuleContext* context);
  std::unique_ptr<ir::Rule> classRule(ir::RuleKind kind, antlr4::Token* keyword,
                                      const std::vector<P::RuleArgumentContext*>& arguments);

  void foldInConditions(ir::ClassRule& rule);
  ir::Qualifiers qualifiers(const std::vector<P::QualifierContext*>& contexts);
  ir::Condition condition(P::ConditionContext* context);
  void conditionValue(P::ConditionValueContext* context, ir::Condition& into);
  void valueList(P::ValueListContext* context, std::vector<ir::Word>& words, std::vector<ir::Condition>& conditions);
  ir::Word word(antlr4::tree::TerminalNode* node);
  ir::Word word(antlr4::Token* token);
  std::vector<ir::Word> words(const std::vector<antlr4::tree::TerminalNode*>& nodes);
  SourceRange range(antlr4::ParserRuleContext* context);
  void error(const SourceRange& range, const std::string& code, const std::string& message);

  const SourceFile& source_;
  DiagnosticSink& sink_;
  const IncludeChain& chain_;
  std::size_t errors_ = 0;
};

}  // namespace aalint
