// The diagnostics of a run: their order and their duplicates do not depend on which thread found
// them first.
#include <doctest/doctest.h>

#include "support/diagnostic.h"
#include "support/source_file.h"

using namespace aalint;

TEST_CASE("a finding in a file several profiles include is kept once, at the first including file") {
  SourceFile abstraction("/etc/apparmor.d/abstractions/admin", "capability sys_admin,\n");
  SourceFile first("/etc/apparmor.d/a", "include <abstractions/admin>\n");
  SourceFile second("/etc/apparmor.d/b", "include <abstractions/admin>\n");
  SourceRange range;
  range.file = &abstraction;
  range.line = range.endLine = 1;
  range.column = 12;
  range.endColumn = 20;
  for (bool secondFirst : {true, false}) {
    DiagnosticSink sink;
    const SourceFile* order[] = {secondFirst ? &second : &first, secondFirst ? &first : &second};
    for (const SourceFile* including : order)
      sink.report(makeDiagnostic(Severity::Warning, "dangerous-capability", range, {{including, 1}}, "sys_admin",
                                 including == &first ? "a" : "b"));
    sink.sort();
    sink.removeDuplicates();
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].includeChain.at(0).file == &first);
    CHECK(sink.diagnostics()[0].profile == "a");
  }
}
