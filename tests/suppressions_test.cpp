#include <doctest/doctest.h>

#include "driver/suppressions.h"

using namespace aalint;

namespace {

// The suppressions of a file whose comments are `texts`, one per line: "line: [file] ids".
std::vector<std::string> suppressionsOf(const std::vector<std::string>& texts) {
  ir::File file;
  for (std::size_t k = 0; k < texts.size(); ++k) {
    ir::Comment comment{texts[k], {}};
    comment.range.line = static_cast<int>(k + 1);
    file.comments.push_back(comment);
  }
  std::vector<std::string> found;
  for (const Suppression& s : suppressionsIn(file)) {
    std::string line = std::to_string(s.range.line) + ":" + (s.wholeFile ? " file" : "");
    for (const std::string& id : s.ids) line += " " + id;
    found.push_back(line);
  }
  return found;
}

}  // namespace

TEST_CASE("suppression comments are read with or without spaces, in both spellings") {
  CHECK(suppressionsOf({"# aalint: ignore=write-exec", "#aalint:ignore=write-exec,broad-path",
                        "#aa:lint ignore=bare-rule", "#  aalint:  ignore-file = raw-network , missing-abi \r",
                        "# aalint: ignore=*"}) ==
        std::vector<std::string>{"1: write-exec", "2: write-exec broad-path", "3: bare-rule",
                                 "4: file raw-network missing-abi", "5: *"});
}

TEST_CASE("comments that only look like suppressions suppress nothing") {
  CHECK(suppressionsOf({"# aalint ignore=write-exec",        // no colon
                        "# aalint: ignored=write-exec",      // another word
                        "# aalint: ignore -file=bare-rule",  // a space inside the word
                        "# aalint: ignore=",                 // no ids
                        "# aalint: ignore=write-exec; why",  // not an id list
                        "# see aalint: ignore=bare-rule",    // not at the start
                        "# aa:lint ignore-file=, ,"})
            .empty());
}
