#include "backend/tagged_stream.h"

#include <fmt/format.h>

namespace aalint::backend {

namespace {

class Reader {
public:
  Reader(const std::string& buffer, unsigned maxDepth) : data_(buffer), maxDepth_(maxDepth) {}

  std::optional<StreamError> error;

  std::vector<Element> sequence(unsigned depth, std::optional<ElementCode> end) {
    std::vector<Element> elements;
    std::string pendingName;
    std::size_t nameStart = 0;
    while (!error) {
      if (pos_ >= data_.size()) {
        if (end) fail(pos_, fmt::format("the buffer ends inside a {}", end == ElementCode::StructEnd ? "struct" : "list or array"));
        break;
      }
      std::size_t start = pos_;
      auto code = static_cast<ElementCode>(byte());
      if (end && code == *end) {
        if (!pendingName.empty()) fail(start, fmt::format("name '{}' tags nothing", pendingName));
        break;
      }
      if (code == ElementCode::Name) {
        if (!pendingName.empty()) fail(start, "two names in a row");
        nameStart = start;
        pendingName = counted16(true);
        continue;
      }
      Element e;
      e.code = code;
      e.offset = pendingName.empty() ? start : nameStart;  // a named element starts at its name
      e.name = std::move(pendingName);
      pendingName.clear();
      switch (code) {
        case ElementCode::U8: e.number = number(1); break;
        case ElementCode::U16: e.number = number(2); break;
        case ElementCode::U32: e.number = number(4); break;
        case ElementCode::U64: e.number = number(8); break;
        case ElementCode::String: e.text = counted16(true); break;
        case ElementCode::Blob:
          e.blobLength = static_cast<std::size_t>(number(4));
          e.blobOffset = pos_;
          if (!need(e.blobLength)) break;
          pos_ += e.blobLength;
          break;
        case ElementCode::Struct:
        case ElementCode::List:
          if (depth >= maxDepth_) {
            fail(start, "structures nest too deeply");
            break;
          }
          e.children = sequence(depth + 1, code == ElementCode::Struct ? ElementCode::StructEnd : ElementCode::ListEnd);
          break;
        case ElementCode::Array:
          e.number = number(2);
          if (depth >= maxDepth_) {
            fail(start, "structures nest too deeply");
            break;
          }
          e.children = sequence(depth + 1, ElementCode::ArrayEnd);
          if (!error && e.children.size() != e.number)
            fail(start, fmt::format("an array declares {} elements but holds {}", e.number, e.children.size()));
          break;
        default:
          fail(start, fmt::format("unknown element code {}", static_cast<unsigned>(code)));
      }
      if (!error) elements.push_back(std::move(e));
    }
    return elements;
  }

  std::size_t position() const { return pos_; }

private:
  void fail(std::size_t at, std::string message) {
    if (!error) error = StreamError{at, std::move(message)};
  }
  bool need(std::size_t n) {
    if (data_.size() - pos_ < n) {
      fail(pos_, fmt::format("the buffer ends {} bytes too early", n - (data_.size() - pos_)));
      return false;
    }
    return true;
  }
  std::uint8_t byte() { return static_cast<std::uint8_t>(data_[pos_++]); }
  std::uint64_t number(unsigned bytes) {
    if (!need(bytes)) return 0;
    std::uint64_t value = 0;
    for (unsigned i = 0; i < bytes; ++i) value |= static_cast<std::uint64_t>(byte()) << (8 * i);  // little-endian
    return value;
  }
  // u16 length including the NUL, then the bytes.
  std::string counted16(bool nulTerminated) {
    std::size_t start = pos_;
    auto length = static_cast<std::size_t>(number(2));
    if (error || !need(length)) return {};
    std::string text = data_.substr(pos_, length);
    pos_ += length;
    if (nulTerminated) {
      if (text.empty() || text.back() != '\0') fail(start, "a string or name does not end with NUL");
      else text.pop_back();
    }
    return text;
  }

  const std::string& data_;
  std::size_t pos_ = 0;
  unsigned maxDepth_;
};

}  // namespace

StreamParse parseStream(const std::string& buffer, unsigned maxDepth) {
  Reader reader(buffer, maxDepth);
  StreamParse result;
  result.elements = reader.sequence(0, std::nullopt);
  result.error = reader.error;
  return result;
}

}  // namespace aalint::backend
