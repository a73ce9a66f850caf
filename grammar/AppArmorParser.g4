// Parser for the AppArmor policy language (apparmor.d(5)).
//
// One start rule serves every file: a profile file, an abstraction (rules without a profile) and a
// tunables file (variables) are all a sequence of items. Whether an item is allowed where it stands
// (a rule outside a profile, an abi inside one) is decided when the IR is built, so that a misplaced
// item gets a precise message instead of a syntax error.
parser grammar AppArmorParser;

options { tokenVocab = AppArmorLexer; }

policy : item* EOF ;

item
    : include
    | abi
    | alias
    | variableAssignment
    | booleanAssignment
    | conditional
    | profile
    | qualifierBlock
    | rule_
    ;

block : LBRACE item* RBRACE ;

// ---- preamble ----

include     : ( POUND_INCLUDE | INCLUDE ) ( INC_IF INC_EXISTS )? includeTarget ;
includeTarget : INC_MAGIC | INC_QUOTED | INC_BARE ;
abi         : ABI includeTarget COMMA ;
alias       : ALIAS path ARROW NAME_WORD COMMA ;

variableAssignment
    : VARIABLE ( EQUALS | PLUS_EQUALS | COND_EQUALS | OVERRIDE_EQUALS ) assignmentValue* trailingComma=COMMA? ;
assignmentValue : A_WORD ;
booleanAssignment
    : BOOLVAR ( EQUALS | COND_EQUALS | OVERRIDE_EQUALS ) assignmentValue* ;

conditional : IF expression block ( ELSE ( conditional | block ) )? ;

expression
    : E_LPAREN expression E_RPAREN                          # groupExpression
    | E_NOT expression                                      # notExpression
    | left=expression E_AND right=expression                # andExpression
    | left=expression E_OR right=expression                 # orExpression
    | E_DEFINED ( VARIABLE | BOOLVAR )                      # definedExpression
    | left=operand comparison right=operand                 # comparisonExpression
    | ( BOOLVAR | E_TRUE | E_FALSE )                        # booleanExpression
    ;
operand    : VARIABLE | BOOLVAR | WORD | QUOTED | E_LPAREN operand* E_RPAREN ;
comparison : E_EQ | E_NE | E_GE | E_LE | E_GT | E_LT | E_IN ;

// ---- profiles and hats ----

profile
    : PROFILE NAME_WORD path? profileCondition* block                # namedProfile
    | name=path attachment=path? profileCondition* block             # pathProfile
    | ( CARET | HAT ) NAME_WORD path? profileCondition* block        # hatProfile
    ;
// flags=(...), xattrs=(...), "+ identities=(...)", and the old "(complain)" form of flags.
profileCondition : PLUS? condition | valueList ;

condition      : ( CONDKEY | PRIORITY ) conditionValue ;
conditionValue : WORD | QUOTED | valueList ;
valueList      : LPAREN listItem* RPAREN ;
listItem       : WORD | QUOTED | condition ;

// ---- rules ----

qualifier      : AUDIT | ALLOW | DENY | OWNER | OTHER | QUIET | SAFE | UNSAFE | priority ;
priority       : PRIORITY conditionValue ;
qualifierBlock : qualifier* block ;  // a bare { ... } groups rules too

rule_ : qualifier* ruleBody ;

ruleBody
    : fileRule
    | linkRule
    | capabilityRule
    | classRule
    | allRule
    ;

// A path with its permissions in either order, an optional exec target.
fileRule
    : fileKeyword? path permissions execTarget? COMMA                # pathFirstFileRule
    | fileKeyword? permissions path execTarget? COMMA                # permissionsFirstFileRule
    | fileKeyword permissions? COMMA                                 # bareFileRule
    ;
fileKeyword : FILE ( SAFE | UNSAFE )? ;
path        : PATH | QUOTED | VARIABLE ;
permissions : ID ;
execTarget  : ARROW NAME_WORD ;

linkRule : LINK SUBSET? path ARROW NAME_WORD COMMA ;

capabilityRule : CAPABILITY ID* COMMA ;

// The class rules below are scanned in a mode of their own; their words (accesses, domains,
// options, names) are checked against each class's vocabulary when the IR is built.
ruleArgument : WORD | QUOTED | condition | valueList | ARROW | R_LE ;

// One rule for every class keeps the parser's automaton, and so its start-up, small.
classRule
    : ( NETWORK | MOUNT | REMOUNT | UMOUNT | PIVOT_ROOT | CHANGE_PROFILE | SET RLIMIT | PTRACE | SIGNAL
      | DBUS | UNIX | MQUEUE | IO_URING | USERNS ) ruleArgument* COMMA ;
allRule : ALL COMMA ;
