// A file's text as aalint read it, with line lookup for diagnostics.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aalint {

class SourceFile {
public:
  // `path` is how the file is named in diagnostics; `text` its whole contents.
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  std::size_t lineCount() const { return lineStarts_.size(); }
  // The text of a 1-based line, without its line end.
  std::string_view line(std::uint32_t number) const;

private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> lineStarts_;
};

}  // namespace aalint
