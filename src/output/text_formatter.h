// gcc-style text: "FILE:LINE:COL: SEVERITY: MESSAGE [code]", the source line, a caret under the range.
#pragma once

#include "output/formatter.h"

namespace aalint {

class TextFormatter : public Formatter {
public:
  explicit TextFormatter(bool color) : color_(color) {}
  void write(const std::vector<Diagnostic>& diagnostics, const Summary& summary, std::ostream& out) override;

private:
  void writeOne(const Diagnostic& d, std::ostream& out) const;
  std::string paint(const char* style, const std::string& text) const;
  bool color_;
};

}  // namespace aalint
