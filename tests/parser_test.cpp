// The grammar and the IR builder on the constructs that trip up AppArmor tools: quoting, escapes,
// globs with braces and commas, variables, "#include" against a comment, CRLF, rules over lines.
#include <doctest/doctest.h>

#include "frontend/parse.h"
#include "support/source_file.h"

using namespace aalint;

namespace {

struct Parsed {
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<ir::File> file;
  DiagnosticSink sink;

  explicit Parsed(std::string text) : source(std::make_unique<SourceFile>("test.aa", std::move(text))) {
    file = parseFile(*source, sink, {});
  }
  const ir::Profile& profile(std::size_t i = 0) const {
    std::size_t seen = 0;
    for (const auto& item : file->items)
      if (item->kind == ir::ItemKind::Profile && seen++ == i) return static_cast<const ir::Profile&>(*item);
    FAIL("no profile " << i);
    throw;
  }
  template <typename T>
  const T& rule(std::size_t i, const ir::Profile& p) const {
    const auto* rule = dynamic_cast<const T*>(p.items.at(i).get());
    REQUIRE(rule != nullptr);
    return *rule;
  }
  std::string errors() const {
    std::string all;
    for (const auto& d : sink.diagnostics())
      all += std::to_string(d.range.line) + ":" + std::to_string(d.range.column) + " " + d.message + "\n";
    return all;
  }
};

}  // namespace

TEST_CASE("file rules take their permissions before or after the path") {
  Parsed p("profile t {\n  /etc/passwd r,\n  rw /tmp/x,\n  file mr /usr/lib/*.so,\n  owner @{HOME}/** rwk,\n}\n");
  CHECK(p.errors() == "");
  const auto& profile = p.profile();
  REQUIRE(profile.items.size() == 4);
  const auto& a = p.rule<ir::FileRule>(0, profile);
  CHECK(a.path->text == "/etc/passwd");
  CHECK(a.permissions->text == "r");
  CHECK_FALSE(a.permissionsFirst);
  CHECK(a.range.line == 2);
  CHECK(a.range.column == 3);
  const auto& b = p.rule<ir::FileRule>(1, profile);
  CHECK(b.permissionsFirst);
  CHECK(b.path->text == "/tmp/x");
  const auto& c = p.rule<ir::FileRule>(2, profile);
  CHECK(c.fileKeyword);
  CHECK(c.path->text == "/usr/lib/*.so");
  const auto& d = p.rule<ir::FileRule>(3, profile);
  CHECK(d.qualifiers.owner);
  CHECK(d.path->text == "@{HOME}/**");
}

TEST_CASE("a comma inside braces belongs to the glob, a comma before a blank ends the rule") {
  Parsed p("profile t {\n  /usr/{bin,sbin}/{a,b,c}* rix,\n  /x/{,y} r,/z r,\n}\n");
  CHECK(p.errors() == "");
  const auto& profile = p.profile();
  REQUIRE(profile.items.size() == 3);
  CHECK(p.rule<ir::FileRule>(0, profile).path->text == "/usr/{bin,sbin}/{a,b,c}*");
  CHECK(p.rule<ir::FileRule>(0, profile).permissions->text == "rix");
  CHECK(p.rule<ir::FileRule>(1, profile).path->text == "/x/{,y}");
  CHECK(p.rule<ir::FileRule>(2, profile).path->text == "/z");
}

TEST_CASE("quoted paths keep spaces and escapes") {
  Parsed p("profile \"my app\" {\n  \"/home/*/My Documents/**\" r,\n  /a\\ b r,\n  \"/q\\\"uote\" r,\n}\n");
  CHECK(p.errors() == "");
  const auto& profile = p.profile();
  CHECK(profile.name.text == "my app");
  CHECK(profile.name.quoted);
  CHECK(p.rule<ir::FileRule>(0, profile).path->text == "/home/*/My Documents/**");
  CHECK(p.rule<ir::FileRule>(1, profile).path->text == "/a\\ b");
  CHECK(p.rule<ir::FileRule>(2, profile).path->text == "/q\\\"uote");
}

TEST_CASE("#include is a directive, # anything else is a comment") {
  Parsed p("#include <tunables/global>\n# include is mentioned here\n#comment\nprofile t { #include <abstractions/base>\n}\n");
  CHECK(p.errors() == "");
  REQUIRE(p.file->items.size() == 2);
  const auto* include = dynamic_cast<const ir::Include*>(p.file->items[0].get());
  REQUIRE(include != nullptr);
  CHECK(include->pound);
  CHECK(include->searched);
  CHECK(include->target == "tunables/global");
  REQUIRE(p.file->comments.size() == 2);
  CHECK(p.file->comments[0].text == "# include is mentioned here");
  CHECK(p.file->comments[0].range.line == 2);
  const auto& profile = p.profile();
  const auto* inner = dynamic_cast<const ir::Include*>(profile.items.at(0).get());
  REQUIRE(inner != nullptr);
  CHECK(inner->target == "abstractions/base");
}

TEST_CASE("a comment may begin with any part of \"include\" but the whole word") {
  Parsed p("#\n#i\n#inc x\n#includ\n#includx\n#INCLUDE <a>\n#include <b>\n");
  CHECK(p.errors() == "");
  REQUIRE(p.file->comments.size() == 6);
  CHECK(p.file->comments[2].text == "#inc x");
  CHECK(p.file->comments[3].text == "#includ");
  CHECK(p.file->comments[4].text == "#includx");
  REQUIRE(p.file->items.size() == 1);
  CHECK(dynamic_cast<const ir::Include&>(*p.file->items[0]).target == "b");
}

TEST_CASE("include forms: magic, quoted, bare, if exists") {
  Parsed p("include <a/b>\ninclude \"/etc/x y\"\ninclude if exists <local/foo>\ninclude /abs/path\n");
  CHECK(p.errors() == "");
  REQUIRE(p.file->items.size() == 4);
  auto inc = [&](std::size_t i) { return dynamic_cast<const ir::Include&>(*p.file->items[i]); };
  CHECK(inc(0).searched);
  CHECK(inc(1).target == "/etc/x y");
  CHECK_FALSE(inc(1).searched);
  CHECK(inc(2).ifExists);
  CHECK(inc(2).target == "local/foo");
  CHECK(inc(3).target == "/abs/path");
}

TEST_CASE("CRLF line ends parse like LF, with the same positions") {
  Parsed p("profile t {\r\n  /etc/passwd r,\r\n  capability chown,\r\n}\r\n");
  CHECK(p.errors() == "");
  const auto& profile = p.profile();
  REQUIRE(profile.items.size() == 2);
  CHECK(p.rule<ir::CapabilityRule>(1, profile).range.line == 3);
  CHECK(p.rule<ir::CapabilityRule>(1, profile).names.at(0).text == "chown");
}

TEST_CASE("blanks, tabs and form feeds between tokens count one column each; a newline ends an assignment") {
  Parsed p("@{A} = x\t\n@{B} = y \n\t profile t {\n \t /a\t r ,\n  network\f\n   inet\tstream,\n}\n");
  CHECK(p.errors() == "");
  const auto& a = dynamic_cast<const ir::VariableAssignment&>(*p.file->items.at(0));
  REQUIRE(a.values.size() == 1);
  CHECK(a.values[0].text == "x");
  const auto& b = dynamic_cast<const ir::VariableAssignment&>(*p.file->items.at(1));
  REQUIRE(b.values.size() == 1);
  CHECK(b.values[0].text == "y");
  const auto& profile = p.profile();
  CHECK(profile.range.line == 3);
  CHECK(profile.range.column == 3);
  const auto& file = p.rule<ir::FileRule>(0, profile);
  CHECK(file.path->range.line == 4);
  CHECK(file.path->range.column == 4);
  CHECK(file.permissions->range.column == 8);
  const auto& network = p.rule<ir::ClassRule>(1, profile);
  CHECK(network.range.line == 5);
  CHECK(network.range.endLine == 6);
  REQUIRE(network.arguments.size() == 2);
  CHECK(network.arguments[1].word.text == "stream");
  CHECK(network.arguments[1].word.range.column == 9);
}

TEST_CASE("text beyond ASCII keeps its bytes in names, paths and comments, and columns count characters") {
  Parsed p("profile \"caf\u00e9\" {\n  /home/jos\u00e9/** r,  # \u00e9t\u00e9\n  \"/srv/\u65e5\u672c/*\" rw,\n  /\u00e9/\u00fc r r,\n}\n");
  CHECK(p.errors() == "4:10 unexpected 'r'; expected '->' or ','\n");
  const auto& profile = p.profile();
  CHECK(profile.name.text == "caf\u00e9");
  const auto& home = p.rule<ir::FileRule>(0, profile);
  CHECK(home.path->text == "/home/jos\u00e9/**");
  CHECK(home.path->range.column == 3);
  CHECK(home.path->range.endColumn == 15);  // 13 characters, 14 bytes
  CHECK(home.permissions->range.column == 17);
  CHECK(p.rule<ir::FileRule>(1, profile).path->text == "/srv/\u65e5\u672c/*");
  REQUIRE(p.file->comments.size() == 1);
  CHECK(p.file->comments[0].text == "# \u00e9t\u00e9");
  CHECK(p.file->comments[0].range.column == 21);
}

TEST_CASE("rules split over several lines") {
  Parsed p("profile t {\n  dbus send\n       bus=session\n       path=/org/freedesktop/DBus\n       member={Hello,Bye}\n"
           "       peer=(name=org.freedesktop.DBus label=unconfined),\n  /usr/bin/foo\n    Px -> other,\n}\n");
  CHECK(p.errors() == "");
  const auto& profile = p.profile();
  REQUIRE(profile.items.size() == 2);
  const auto& dbus = p.rule<ir::ClassRule>(0, profile);
  CHECK(dbus.ruleKind == ir::RuleKind::Dbus);
  REQUIRE(dbus.arguments.size() == 5);
  CHECK(dbus.arguments[0].word.text == "send");
  CHECK(dbus.arguments[1].condition.name.text == "bus");
  CHECK(dbus.arguments[1].condition.values.at(0).text == "session");
  CHECK(dbus.arguments[3].condition.values.at(0).text == "{Hello,Bye}");
  const auto& peer = dbus.arguments[4].condition;
  CHECK(peer.name.text == "peer");
  REQUIRE(peer.nested.size() == 2);
  CHECK(peer.nested[1].name.text == "label");
  CHECK(peer.nested[1].values.at(0).text == "unconfined");
  CHECK(dbus.range.line == 2);
  CHECK(dbus.range.endLine == 6);
  const auto& exec = p.rule<ir::FileRule>(1, profile);
  CHECK(exec.permissions->text == "Px");
  CHECK(exec.execTarget->text == "other");
}

TEST_CASE("variables in every position") {
  Parsed p("@{APP} = foo bar\n@{APP} += baz\n@{BIN}=/usr/bin/@{APP}\n"
           "profile @{APP} @{BIN} {\n  @{BIN} rix,\n  /etc/@{APP}/** r,\n  signal peer=@{profile_name},\n"
           "  /x Px -> @{APP},\n}\n");
  CHECK(p.errors() == "");
  const auto& first = dynamic_cast<const ir::VariableAssignment&>(*p.file->items.at(0));
  CHECK(first.name.text == "APP");
  REQUIRE(first.values.size() == 2);
  CHECK(first.values[1].text == "bar");
  CHECK(dynamic_cast<const ir::VariableAssignment&>(*p.file->items.at(1)).op == ir::AssignmentOp::Append);
  const auto& profile = p.profile();
  CHECK(profile.name.text == "@{APP}");
  CHECK(profile.attachment->text == "@{BIN}");
  CHECK(p.rule<ir::FileRule>(0, profile).path->text == "@{BIN}");
  CHECK(p.rule<ir::FileRule>(1, profile).path->text == "/etc/@{APP}/**");
  CHECK(p.rule<ir::ClassRule>(2, profile).arguments.at(0).condition.values.at(0).text == "@{profile_name}");
  CHECK(p.rule<ir::FileRule>(3, profile).execTarget->text == "@{APP}");
}

TEST_CASE("profile headers: flags, hats, children, qualifier blocks, conditionals") {
  Parsed p("$ON = true\n/usr/bin/t flags=(complain, attach_disconnected) {\n  ^hat {\n    /h r,\n  }\n"
           "  profile child /usr/bin/c xattrs=(user.x=y) {\n  }\n  audit deny {\n    /secret r,\n  }\n"
           "  if $ON {\n    /on r,\n  } else {\n    /off r,\n  }\n}\n");
  CHECK(p.errors() == "");
  const auto& profile = p.profile();
  CHECK(profile.form == ir::Profile::Form::Path);
  REQUIRE(profile.conditions.size() == 1);
  CHECK(profile.conditions[0].name.text == "flags");
  REQUIRE(profile.conditions[0].values.size() == 2);
  CHECK(profile.conditions[0].values[1].text == "attach_disconnected");
  REQUIRE(profile.items.size() == 4);
  const auto& hat = dynamic_cast<const ir::Profile&>(*profile.items[0]);
  CHECK(hat.form == ir::Profile::Form::Hat);
  CHECK(hat.name.text == "hat");
  const auto& child = dynamic_cast<const ir::Profile&>(*profile.items[1]);
  CHECK(child.name.text == "child");
  CHECK(child.conditions.at(0).nested.at(0).name.text == "user.x");
  const auto& block = dynamic_cast<const ir::QualifierBlock&>(*profile.items[2]);
  CHECK(block.qualifiers.audit);
  CHECK(block.qualifiers.deny);
  const auto& conditional = dynamic_cast<const ir::Conditional&>(*profile.items[3]);
  CHECK(conditional.thenItems.size() == 1);
  CHECK(conditional.elseItems.size() == 1);
}

TEST_CASE("every rule class parses to its kind") {
  Parsed p("profile t {\n  capability,\n  network inet stream,\n  mount fstype=tmpfs -> /mnt/,\n  remount /x/,\n"
           "  umount /mnt/,\n  pivot_root oldroot=/old/ /new/,\n  change_profile -> other,\n  set rlimit nofile <= 1024,\n"
           "  ptrace (read, trace) peer=foo,\n  signal (send) set=(hup, int),\n  dbus bind bus=session name=org.x,\n"
           "  unix (connect) type=stream,\n  mqueue open /q,\n  io_uring sqpoll,\n  userns create,\n  all,\n"
           "  link subset /a -> /b,\n  file,\n}\n");
  CHECK(p.errors() == "");
  const auto& profile = p.profile();
  using K = ir::RuleKind;
  const K kinds[] = {K::Capability, K::Network, K::Mount,  K::Remount, K::Umount, K::PivotRoot, K::ChangeProfile,
                     K::Rlimit,     K::Ptrace,  K::Signal, K::Dbus,    K::Unix,   K::Mqueue,    K::IoUring,
                     K::Userns,     K::All,     K::Link,   K::File};
  REQUIRE(profile.items.size() == std::size(kinds));
  for (std::size_t i = 0; i < std::size(kinds); ++i) {
    CAPTURE(i);
    CHECK(dynamic_cast<const ir::Rule&>(*profile.items[i]).ruleKind == kinds[i]);
  }
  const auto& rlimit = p.rule<ir::ClassRule>(7, profile);
  REQUIRE(rlimit.arguments.size() == 3);
  CHECK(rlimit.arguments[1].kind == ir::Argument::Kind::LessEqual);
  CHECK(p.rule<ir::LinkRule>(16, profile).subset);
  CHECK(p.rule<ir::LinkRule>(16, profile).target.text == "/b");
}

TEST_CASE("syntax errors are all reported, with positions, and parsing recovers") {
  Parsed p("profile t {\n  /a r\n  /b r,\n  capability chown\n}\nprofile u {\n  /c rw junk,\n}\n");
  CHECK(p.errors() == "2:7 missing ',' at end of rule\n4:19 missing ',' at end of rule\n"
                      "7:9 unexpected 'junk'; expected '->' or ','\n");
  CHECK(p.file->hasSyntaxErrors);
}
