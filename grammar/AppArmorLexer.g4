// Lexer for the AppArmor policy language (apparmor.d(5)), as apparmor_parser 5.x tokenizes it.
//
// AppArmor's tokens depend on context: "rw" is a permission after a path but a D-Bus access
// after "dbus"; "{a,b}" is an alternation inside a path but "{" alone opens a block; a comma ends a
// rule unless a non-blank character follows it. The lexer therefore works in modes, entered by the
// keyword that starts a construct and left at its end, as apparmor_parser's own scanner does.
lexer grammar AppArmorLexer;

channels { COMMENTS }

// Words of the class-rule, value and list modes share one token type; keywords are words that an
// action retypes (ID's, E_WORD's, INC_BARE's, CONDKEY's for "priority="): one rule instead of one
// per keyword keeps the lexer's automaton small, and so its start-up fast.
tokens {
  WORD,
  INCLUDE, ABI, PROFILE, HAT, IF, ELSE, ALIAS, SET, RLIMIT, CAPABILITY, FILE, LINK, SUBSET, ALL,
  NETWORK, MOUNT, REMOUNT, UMOUNT, PIVOT_ROOT, CHANGE_PROFILE, PTRACE, SIGNAL, DBUS, UNIX, MQUEUE,
  IO_URING, USERNS, AUDIT, ALLOW, DENY, OWNER, OTHER, QUIET, SAFE, UNSAFE,
  PRIORITY, INC_IF, INC_EXISTS, E_AND, E_OR, E_NOT, E_DEFINED, E_TRUE, E_FALSE, E_IN
}

@lexer::header {
#include <unordered_map>
}

@lexer::members {
  // Keywords: the token type and the mode that follows them (-1: stay).
  void classifyWord() {
    struct Keyword { size_t type; ssize_t mode; };
    static const std::unordered_map<std::string, Keyword> keywords = {
      {"include", {INCLUDE, INCLUDE_MODE}}, {"abi", {ABI, INCLUDE_MODE}},
      {"profile", {PROFILE, NAME_MODE}}, {"hat", {HAT, NAME_MODE}}, {"if", {IF, EXPR_MODE}},
      {"else", {ELSE, -1}}, {"alias", {ALIAS, -1}}, {"set", {SET, -1}}, {"rlimit", {RLIMIT, RULE_MODE}},
      {"capability", {CAPABILITY, -1}}, {"file", {FILE, -1}}, {"link", {LINK, -1}}, {"subset", {SUBSET, -1}},
      {"all", {ALL, -1}}, {"network", {NETWORK, RULE_MODE}}, {"mount", {MOUNT, RULE_MODE}},
      {"remount", {REMOUNT, RULE_MODE}}, {"umount", {UMOUNT, RULE_MODE}}, {"unmount", {UMOUNT, RULE_MODE}},
      {"pivot_root", {PIVOT_ROOT, RULE_MODE}}, {"change_profile", {CHANGE_PROFILE, RULE_MODE}},
      {"ptrace", {PTRACE, RULE_MODE}}, {"signal", {SIGNAL, RULE_MODE}}, {"dbus", {DBUS, RULE_MODE}},
      {"unix", {UNIX, RULE_MODE}}, {"mqueue", {MQUEUE, RULE_MODE}}, {"io_uring", {IO_URING, RULE_MODE}},
      {"userns", {USERNS, RULE_MODE}}, {"audit", {AUDIT, -1}}, {"allow", {ALLOW, -1}}, {"deny", {DENY, -1}},
      {"owner", {OWNER, -1}}, {"other", {OTHER, -1}}, {"quiet", {QUIET, -1}}, {"safe", {SAFE, -1}},
      {"unsafe", {UNSAFE, -1}},
    };
    auto it = keywords.find(getText());
    if (it == keywords.end()) return;
    setType(it->second.type);
    if (it->second.mode >= 0) pushMode(static_cast<size_t>(it->second.mode));
  }

  // "priority=" (not "priority:="): the rule priority rather than a condition.
  void classifyCondition() {
    std::string text = getText();
    if (text.compare(0, 8, "priority") == 0 && text.find_first_not_of(" \t=", 8) == std::string::npos)
      setType(PRIORITY);
  }

  // The keywords of "include if exists"; any other word is the target and ends the include.
  void classifyIncludeWord() {
    std::string text = getText();
    if (text == "if") setType(INC_IF);
    else if (text == "exists") setType(INC_EXISTS);
    else popMode();
  }

  // The operators and constants of an "if" condition.
  void classifyExpressionWord() {
    static const std::unordered_map<std::string, size_t> keywords = {
      {"and", E_AND}, {"or", E_OR}, {"not", E_NOT}, {"defined", E_DEFINED}, {"true", E_TRUE}, {"false", E_FALSE},
      {"in", E_IN},
    };
    auto it = keywords.find(getText());
    setType(it != keywords.end() ? it->second : WORD);
  }

  // What ID_CHAR* matches: any character but blanks, '"', '!', ',' and '\\'; a comma followed by
  // such a character; an escape. Through the simulator, so that line and column stay right.
  void consumeWordRest() {
    auto* simulator = getInterpreter<antlr4::atn::LexerATNSimulator>();
    auto ends = [](size_t c) {
      return c == antlr4::Token::EOF || c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n' || c == '"' ||
             c == '!' || c == ',' || c == '\\';
    };
    for (;;) {
      size_t c = _input->LA(1), next = _input->LA(2);
      size_t width = !ends(c) ? 1
                     : c == ',' && !ends(next) ? 2
                     : c == '\\' && next != antlr4::Token::EOF && next != '\r' && next != '\n' ? 2
                     : 0;
      if (width == 0) return;
      while (width--) simulator->consume(_input);
    }
  }

  // Blanks before a token, and newlines where they only separate tokens, are passed over here, as
  // the modes' blank and newline rules would skip them: through the automaton each run costs a
  // match, an accept and a skip action.
  std::unique_ptr<antlr4::Token> nextToken() override {
    auto* simulator = getInterpreter<antlr4::atn::LexerATNSimulator>();
    const bool newlinesSeparate =
        mode == DEFAULT_MODE || mode == NAME_MODE || mode == RULE_MODE || mode == LIST_MODE || mode == EXPR_MODE;
    for (;;) {
      size_t c = _input->LA(1);
      if (c == ' ' || c == '\t' || c == '\f' || (newlinesSeparate && c == '\n')) {
        simulator->consume(_input);
      } else if (newlinesSeparate && c == '\r' && _input->LA(2) == '\n') {
        simulator->consume(_input);
        simulator->consume(_input);
      } else {
        break;
      }
    }
    return antlr4::Lexer::nextToken();
  }

  // Up to the end of the line, through the simulator so that line and column stay right.
  void consumeRestOfLine() {
    auto* simulator = getInterpreter<antlr4::atn::LexerATNSimulator>();
    for (size_t c = _input->LA(1); c != antlr4::Token::EOF && c != '\r' && c != '\n'; c = _input->LA(1))
      simulator->consume(_input);
  }

}

// ---- default mode: preamble, profile headers, file rules, capability, qualifiers ----

BLANK        : [ \t\f]+ -> skip ;
NEWLINE      : '\r'? '\n' -> skip ;
BOM          : '\uFEFF' -> skip ;
POUND_INCLUDE: '#include' -> pushMode(INCLUDE_MODE) ;
// '#' and the rest of the line, unless the line goes on "include" (then POUND_INCLUDE, the longer
// match). The rest is taken by the action: read through the lexer's automaton it would cost a lock
// and a lookup per character, and a third of a distribution's policy text is comments.
COMMENT      : '#' { consumeRestOfLine(); } -> channel(COMMENTS) ;
CARET        : '^' -> pushMode(NAME_MODE) ;
ARROW        : '->' -> pushMode(NAME_MODE) ;

CONDKEY      : NAME [ \t]* ':'? '=' { classifyCondition(); } -> pushMode(VALUE_MODE) ;

LBRACE       : '{' ;
RBRACE       : '}' ;
COMMA        : ',' ;
LPAREN       : '(' -> pushMode(LIST_MODE) ;
RPAREN       : ')' ;
PLUS         : '+' ;
EQUALS       : '=' -> pushMode(ASSIGN_MODE) ;
PLUS_EQUALS  : '+=' -> pushMode(ASSIGN_MODE) ;
COND_EQUALS  : '?=' -> pushMode(ASSIGN_MODE) ;
OVERRIDE_EQUALS : ':=' -> pushMode(ASSIGN_MODE) ;

VARIABLE     : '@{' NAME '}' | '@' NAME ;
BOOLVAR      : '$' ( '{' NAME '}' | NAME ) ;
// A path, or anything that starts like a label: '/', a variable followed by more, ':ns', '&'. Its
// start decides the token; the rest (what ID_CHAR* matches) is taken by the action, not character
// by character through the automaton.
PATH         : LABEL_START { consumeWordRest(); } ;
QUOTED       : QUOTED_STRING ;
ID           : [A-Za-z_] [A-Za-z0-9_]* { classifyWord(); } ;
STRAY        : . ;

fragment NAME          : [A-Za-z] [A-Za-z0-9_]* ;
fragment QUOTED_STRING : '"' ( '\\' . | ~["\\] )* '"' ;
fragment ESCAPE        : '\\' ~[\r\n] ;
// A comma belongs to a word when a word character follows it ("/a/{b,c}"); otherwise it ends the rule.
fragment ID_CHAR       : ~[ \t\f\r\n"!,\\] | ',' ~[ \t\f\r\n"!,\\] | ESCAPE ;
fragment VALUE_LEAD    : ~[ \t\f\r\n"!,(\\] | ESCAPE ;
fragment POST_VAR_CHAR : ~[ \t\f\r\n"!,=+?\\] | ESCAPE ;
fragment LIST_CHAR     : ~[ \t\f\r\n"!,()=\\] | ESCAPE ;
fragment LIST_VALUE_CHAR : ~[ \t\f\r\n"!,()\\] | ESCAPE ;
fragment NOEQ_LEAD     : ~[ \t\f\r\n"!,=()+&\\] | ESCAPE ;
fragment NOEQ_CHAR     : ~[ \t\f\r\n"!,=)\\] | ',' ~[ \t\f\r\n"!,=)\\] | ESCAPE ;
fragment LABEL_START   : '/' | '@{' NAME '}' POST_VAR_CHAR | ':' ~[= \t\r\n"!,] | '&' ;

// ---- a profile, hat or exec-target name: one word ----
mode NAME_MODE;
NAME_BLANK   : [ \t\f]+ -> skip ;
NAME_NEWLINE : '\r'? '\n' -> skip ;
NAME_WORD    : ( ID_CHAR+ | QUOTED_STRING ) -> popMode ;
NAME_STRAY   : . -> type(STRAY), popMode ;

// ---- include and abi targets: <magic>, "quoted" or bare ----
mode INCLUDE_MODE;
INC_BLANK    : [ \t\f]+ -> skip ;
INC_MAGIC    : '<' ( ~[>"\t\r\n]+ | QUOTED_STRING ) '>' -> popMode ;
INC_QUOTED   : QUOTED_STRING -> popMode ;
INC_BARE     : ( ~[ \t\f\r\n"!,<>] | ',' ~[ \t\f\r\n"!,<>] )+ { classifyIncludeWord(); } ;
INC_NEWLINE  : '\r'? '\n' -> skip, popMode ;
INC_STRAY    : . -> type(STRAY), popMode ;

// ---- the body of a class rule (network, dbus, mount, ...) up to its comma ----
mode RULE_MODE;
R_BLANK      : [ \t\f]+ -> skip ;
R_NEWLINE    : '\r'? '\n' -> skip ;
R_COMMENT    : '#' ~[\r\n]* -> channel(COMMENTS) ;
R_COMMA      : ',' -> type(COMMA), popMode ;
// A lone brace cannot appear in a class rule: the rule lacks its comma. Leave the mode so the
// parser sees the block structure again.
R_RBRACE     : '}' -> type(RBRACE), popMode ;
R_LBRACE     : '{' -> type(LBRACE), popMode ;
R_LPAREN     : '(' -> type(LPAREN), pushMode(LIST_MODE) ;
R_ARROW      : '->' -> type(ARROW) ;
R_LE         : '<=' ;
R_CONDKEY    : NAME [ \t]* ':'? '=' -> type(CONDKEY), pushMode(VALUE_MODE) ;
R_WORD       : ( NOEQ_LEAD NOEQ_CHAR* | LABEL_START ID_CHAR* ) -> type(WORD) ;
R_QUOTED     : QUOTED_STRING -> type(QUOTED) ;
R_STRAY      : . -> type(STRAY) ;

// ---- the value after "name=": a word, a quoted string or a parenthesized list ----
mode VALUE_MODE;
V_BLANK      : [ \t\f]+ -> skip ;
V_LPAREN     : '(' -> type(LPAREN), mode(LIST_MODE) ;
V_WORD       : VALUE_LEAD ID_CHAR* -> type(WORD), popMode ;
V_QUOTED     : QUOTED_STRING -> type(QUOTED), popMode ;
V_NEWLINE    : '\r'? '\n' -> skip, popMode ;
V_STRAY      : . -> type(STRAY), popMode ;

// ---- a parenthesized list: (a b), (a, b), (name=value ...) ----
mode LIST_MODE;
L_BLANK      : [ \t\f]+ -> skip ;
L_NEWLINE    : '\r'? '\n' -> skip ;
L_SEPARATOR  : ',' -> skip ;
L_RPAREN     : ')' -> type(RPAREN), popMode ;
L_CONDKEY    : [A-Za-z_] [A-Za-z0-9_.]* [ \t]* ':'? '=' -> type(CONDKEY), pushMode(LIST_VALUE_MODE) ;
L_WORD       : LIST_CHAR+ -> type(WORD) ;
L_QUOTED     : QUOTED_STRING -> type(QUOTED) ;
L_STRAY      : . -> type(STRAY) ;

mode LIST_VALUE_MODE;
LV_BLANK     : [ \t\f]+ -> skip ;
LV_LPAREN    : '(' -> type(LPAREN), mode(LIST_MODE) ;
LV_WORD      : LIST_VALUE_CHAR+ -> type(WORD), popMode ;
LV_QUOTED    : QUOTED_STRING -> type(QUOTED), popMode ;
LV_STRAY     : . -> type(STRAY), popMode ;

// ---- the value of a variable assignment: words up to the end of the line ----
mode ASSIGN_MODE;
A_BLANK      : [ \t\f]+ -> skip ;
A_CONTINUE   : '\\' '\r'? '\n' -> skip ;
A_NEWLINE    : '\r'? '\n' -> skip, popMode ;
A_COMMENT    : '#' ~[\r\n]* -> channel(COMMENTS), popMode ;
A_COMMA      : ',' -> type(COMMA) ;
A_WORD       : ( ID_CHAR+ | QUOTED_STRING ) ;
A_STRAY      : . -> type(STRAY) ;

// ---- the condition of "if": operators, variables and words up to the "{" ----
mode EXPR_MODE;
E_BLANK      : [ \t\f]+ -> skip ;
E_NEWLINE    : '\r'? '\n' -> skip ;
E_LBRACE     : '{' -> type(LBRACE), popMode ;
E_LPAREN     : '(' ;
E_RPAREN     : ')' ;
E_EQ         : '==' ;
E_NE         : '!=' ;
E_GE         : '>=' ;
E_LE         : '<=' ;
E_GT         : '>' ;
E_LT         : '<' ;
E_VARIABLE   : ( '@{' NAME '}' | '@' NAME ) -> type(VARIABLE) ;
E_BOOLVAR    : '$' ( '{' NAME '}' | NAME ) -> type(BOOLVAR) ;
E_WORD       : ( ~[ \t\f\r\n"!,=()<>{}\\] | ESCAPE )+ { classifyExpressionWord(); } ;
E_QUOTED     : QUOTED_STRING -> type(QUOTED) ;
E_STRAY      : . -> type(STRAY) ;
