// The kernel's binary policy serialization (docs/binary-policy.md §1.3): typed, optionally named
// elements, read into a tree without interpreting it. Every read is bounds-checked, so that any
// byte string, however damaged, gives a tree or an error with its offset.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aalint::backend {

enum class ElementCode : std::uint8_t {
  U8 = 0, U16 = 1, U32 = 2, U64 = 3, Name = 4, String = 5, Blob = 6, Struct = 7, StructEnd = 8,
  List = 9, ListEnd = 10, Array = 11, ArrayEnd = 12
};

struct Element {
  ElementCode code = ElementCode::U8;
  std::string name;           // the NAME that tagged it, or ""
  std::uint64_t number = 0;   // U8..U64; Array: the declared count
  std::string text;           // String (without its NUL)
  std::size_t offset = 0;     // where the element starts in the buffer
  std::size_t blobOffset = 0; // Blob: where its bytes start
  std::size_t blobLength = 0;
  std::vector<Element> children;  // Struct, List, Array
};

struct StreamError {
  std::size_t offset = 0;
  std::string message;
};

// Reads the whole buffer as a sequence of top-level elements.
struct StreamParse {
  std::vector<Element> elements;
  std::optional<StreamError> error;
};
StreamParse parseStream(const std::string& buffer, unsigned maxDepth = 64);

}  // namespace aalint::backend
