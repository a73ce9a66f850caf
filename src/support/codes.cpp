#include "support/codes.h"

namespace aalint {

const std::vector<CodeDoc>& errorCodes() {
  static const std::vector<CodeDoc> codes = {
      // Reading and parsing
      {"input-error", "a path named on the command line cannot be read",
       "The file or directory does not exist, cannot be opened, is not a regular file (a FIFO or a device), or a "
       "directory holds no policy files. aalint exits with status 2."},
      {"not-text", "a policy file contains a NUL byte or invalid UTF-8",
       "Policy is text. The diagnostic points at the first byte that is not: a binary file was named by mistake, or "
       "the file was saved in a legacy encoding (convert it to UTF-8)."},
      {"syntax-error", "the text does not follow the policy grammar",
       "The message names what was found and what was expected. The most common case is a rule without its final "
       "comma, reported at the end of that rule:\n  /etc/hosts r     ->   /etc/hosts r,"},
      {"config-error", "a .aalint.toml file that cannot be read or holds an unknown key, rule or severity",
       "The message names the file, line and key. aalint exits with status 2."},
      {"unused-suppression", "an '# aalint: ignore=' comment that suppresses nothing (info)",
       "The finding it was written for is gone, or the rule id is misspelled: remove or fix the comment."},
      {"nesting-too-deep", "blocks or condition groups nest deeper than 1000 levels",
       "No real policy nests this deep; the limit keeps a hostile file from exhausting the parser's stack."},
      {"include-not-found", "an include target does not exist",
       "'include <name>' is looked up in each -I directory and then in the base directory (/etc/apparmor.d); "
       "'include \"name\"' is a path relative to the working directory. Use 'include if exists' for optional files."},
      {"include-not-regular", "an include target is a FIFO, a device or another special file",
       "Only regular files and directories can be included. Reading a FIFO would wait forever."},
      {"include-unreadable", "an include target cannot be read or is not text", "See not-text and input-error."},
      {"include-too-deep", "includes nest deeper than the limit",
       "Each include adds a level; the limit (--max-include-depth, default 64) stops runaway nesting."},
      {"include-cycle", "a file includes itself, directly or through other files (info)",
       "apparmor_parser includes each file once per profile, so the repeated include is ignored; the note shows where "
       "the cycle closes."},
      // Preamble, variables and conditionals
      {"variable-undefined", "a variable is used but never defined",
       "Define it in the preamble ('@{NAME} = value') or include the tunables that define it "
       "('include <tunables/global>'). @{attach_path} and @{exec_path} exist only in profiles that attach to a path."},
      {"variable-redefined", "a variable is defined twice, or '+=' adds to one that is not defined yet",
       "Define a variable once with '=', then add values with '+='."},
      {"variable-trailing-comma", "a variable definition ends with a comma",
       "Variable values are separated by spaces and end at the end of the line: @{DIRS} = /srv /opt"},
      {"variable-in-profile", "a variable or boolean is defined inside a profile",
       "Variables belong in the preamble, before the profiles."},
      {"boolean-invalid", "a boolean is defined with a value other than true or false, or twice", "$FLAG = true"},
      {"boolean-undefined", "a condition uses a boolean that is never defined", "Define it: $FLAG = false"},
      {"condition-type-mismatch", "a condition compares a number with a string",
       "<, <=, > and >= compare two numbers or two sets of strings."},
      {"abi-invalid", "an abi statement names no file", "abi <abi/3.0>,"},
      {"abi-not-found", "an abi statement names a file that is not there",
       "abi <abi/3.0> is looked up on the include search path; abi <kernel> and abi <default> need no file."},
      {"alias-in-profile", "an alias rule is inside a profile", "Aliases belong in the preamble."},
      {"preamble-after-profile", "a variable, boolean, alias or abi rule after the first profile of a file",
       "A file is its preamble (variables, aliases, abi, includes of tunables), then its profiles."},
      // Structure
      {"rule-outside-profile", "a rule stands outside any profile",
       "Rules belong inside 'profile NAME { ... }'. Files meant to be included (abstractions) may hold bare rules."},
      {"child-profile-form", "a child profile is declared without the 'profile' keyword",
       "Inside a profile write 'profile child { ... }' or '^hat { ... }'."},
      {"qualifier-on-profile", "a profile stands inside a deny block", "Qualifier blocks hold rules, not profiles."},
      {"profile-duplicate", "two profiles, children or hats have the same name", "Rename or merge one of them."},
      {"profile-name-invalid", "a profile name or attachment expands to something that is not a path",
       "A profile without the 'profile' keyword is named by the absolute path it attaches to; every value of a "
       "variable in an attachment must start with '/'."},
      {"profile-header-invalid", "an unknown or misplaced profile header condition",
       "A header may carry xattrs=(...) then flags=(...), and '+ identities=(...)'."},
      {"profile-flag-invalid", "an unknown, contradictory or badly valued profile flag",
       "One mode at most (enforce, complain, kill, unconfined, prompt, default_allow); no contradictory pair "
       "(mediate_deleted/delegate_deleted, chroot_relative/namespace_relative, chroot_attach/chroot_no_attach, "
       "attach_disconnected/no_attach_disconnected); error= takes an errno name, kill.signal= a signal name, "
       "attach_disconnected.path= an absolute path."},
      {"qualifier-invalid", "rule qualifiers in the wrong order, contradictory, or not applicable",
       "The order is priority=N, audit, allow/deny, owner/other, safe/unsafe. owner and other apply to file rules; "
       "priority is a whole number from -1000 to 1000."},
      // File rules
      {"file-permission-invalid", "a letter that is not a file permission, or an exec mode cut short",
       "Permissions are r w a l k m and one exec mode: ix, px, Px, cx, Cx, ux, Ux, pix, Pix, cix, Cix, pux, PUx, "
       "cux, CUx."},
      {"file-permission-conflict", "permissions that cannot be combined",
       "'w' already allows appending, so 'w' and 'a' exclude each other; a leading 'l' with an exec mode and a "
       "target is ambiguous."},
      {"file-path-invalid", "a quoted file path that starts with neither '/' nor a variable",
       "\"/srv/my files/**\" r, or \"@{HOME}/my files/**\" r,"},
      {"file-rule-without-path", "'file PERMS,' without a path", "Write 'file rw /path,' or 'file,' for all files."},
      {"deny-exec-mode", "a deny rule names an exec mode", "Deny rules take plain 'x': deny /usr/bin/foo x,"},
      {"exec-mode-missing", "plain 'x' in an allow rule",
       "Say how the program runs: ix (inherit), px/Px (its own profile), cx/Cx (a child profile), ux/Ux "
       "(unconfined)."},
      {"exec-target-without-exec", "'-> target' on a rule without an exec mode, or on 'ix'",
       "Targets go with px, cx and their variants (or with 'l' for links)."},
      {"exec-safety-without-exec", "safe/unsafe on a rule without an exec mode", "safe and unsafe qualify exec modes."},
      {"exec-mode-conflict", "two exec rules match a common path with different exec modes",
       "apparmor_parser decides this on the automaton of all exec rules of a profile: where two globbing rules "
       "overlap they must agree (an exact path rule overrides globs). The message shows a path both match. Give "
       "them the same mode, narrow one glob, or add a rule for the exact path."},
      {"glob-invalid", "a pattern with unbalanced or empty braces or brackets, or a trailing backslash",
       "{a,b} needs at least two choices; [ and { must be closed; nesting is limited to 49 levels."},
      // Class rules
      {"unknown-access", "an access that the rule class does not have",
       "Each class has its accesses: dbus send/receive/bind/eavesdrop, signal send/receive, ptrace "
       "read/trace/readby/tracedby, network and unix create/bind/listen/accept/connect/shutdown/getattr/setattr/"
       "getopt/setopt/send/receive, mqueue create/open/delete/read/write/getattr/setattr."},
      {"access-list-unparenthesized", "several accesses without parentheses", "dbus (send receive) bus=session,"},
      {"unexpected-word", "a word the rule class does not take where it stands",
       "Accesses come first; everything after them is a condition (name=value)."},
      {"unknown-condition", "a condition the rule class does not have", "The message lists the valid ones."},
      {"condition-repeated", "a condition given twice", "Give it once, with a list: set=(hup int)."},
      {"condition-order", "a condition after the word it should precede",
       "mount options=ro /dev/sdb1 -> /mnt, umount options=... /mnt, pivot_root oldroot=/old /new,"},
      {"arrow-without-target", "'->' with nothing after it", "mount /dev/sdb1 -> /mnt, change_profile -> other,"},
      {"condition-list", "a list where a single value is expected", "type=stream, not type=(stream dgram)."},
      {"condition-form", "a condition that needs name=(key=value ...) written otherwise", "peer=(label=foo)"},
      {"condition-in-access-list", "a condition inside the access list", "ptrace (read) peer=foo,"},
      {"dbus-condition-incompatible", "a D-Bus condition that the rule's accesses cannot use",
       "name= goes with bind; path, interface, member and peer= with send and receive; eavesdrop takes only bus=."},
      {"signal-unknown", "an unknown signal name",
       "Signals are hup int quit ill trap abrt bus fpe kill usr1 segv usr2 pipe alrm term stkflt chld cont stop stp "
       "ttin ttou urg xcpu xfsz vtalrm prof winch io pwr sys emt exists, and rtmin+0 to rtmin+32."},
      {"network-invalid", "an unknown domain, type or protocol, a bad address or port, or peer= without a peer",
       "network [DOMAIN] [TYPE|PROTOCOL] [ip=ADDR] [port=N|LOW-HIGH] [peer=(ip=... port=...)]; peer= goes with "
       "send, receive, connect and accept."},
      {"unix-invalid",
       "an unknown socket type, an address that is not '@name', 'none' or 'auto', a bad address pattern, label= "
       "outside peer=(...), a condition apparmor_parser does not support yet (protocol=, attr=, opt=), or peer= "
       "without a peer",
       "Sockets bound in the file system are allowed by file rules; unix rules name abstract sockets: "
       "unix (bind) addr=@app, unix (connect) peer=(label=app addr=@app),"},
      {"mqueue-invalid", "a message queue type or name that does not fit",
       "type=posix queues are named /name, type=sysv queues by number."},
      {"mount-invalid", "an unknown or contradictory mount option, or a source where none is allowed",
       "Propagation changes (private, shared, slave, unbindable) and remounts take a mount point, not a source."},
      {"change-profile-invalid", "change_profile with safe/unsafe but no program, or extra words",
       "change_profile [safe|unsafe] [/exec/path] [-> profile],"},
      {"change-profile-conflict", "two change_profile rules for one program and target, one safe and one unsafe",
       ""},
      {"pivot-root-invalid", "pivot_root with extra words", "pivot_root [oldroot=/old/] [/new/root] [-> profile],"},
      {"rlimit-invalid", "an unknown resource or a limit out of its units or range",
       "set rlimit nofile <= 1024,  set rlimit as <= 2GB,  set rlimit rttime <= 60minutes,  set rlimit nice <= -5,"},
      {"capability-unknown", "an unknown capability name", "The message suggests the closest one."},
      // Limits of the automaton engine and of the compiler
      {"too-large", "a rule or profile that would exceed a limit of the kernel or of aalint",
       "The kernel's policy format holds at most 65,535 DFA states per automaton; aalint compile stops a "
       "construction at 262,140 states before minimization, and at 1,048,576 automaton positions (about 30,000 "
       "path rules in one profile) so that no input exhausts memory; the lint "
       "rules that reason about paths skip a profile past 200,000 states and say so (info); exec rules whose "
       "automaton passes 200,000 states cannot be checked for conflicts (an error). The automata the checks and "
       "lint rules build for one file share a budget of 1,000,000 states (--max-automaton-states), and its "
       "compilation has one as large, so that a file of many such profiles still ends within seconds. A file whose profiles place more than 500,000 rules, included "
       "rules counted in each profile (--max-rules), or include files more than 100,000 times (--max-includes), "
       "is read no further. Variables "
       "whose values are lists multiply when written side by side; expanding one rule into more than 65,536 "
       "alternatives is an error."},
      {"compile-unsupported", "a rule aalint compile does not encode yet",
       "The message names the rule. aalint never drops a rule silently: the compile fails instead. The README "
       "lists what is encoded."},
  };
  return codes;
}

const CodeDoc* findCode(const std::string& code) {
  for (const CodeDoc& doc : errorCodes())
    if (code == doc.code) return &doc;
  return nullptr;
}

}  // namespace aalint
