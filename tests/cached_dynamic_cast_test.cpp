// dynamic_cast goes through a memo (src/runtime/cast_memo.h) in every program that links the
// parser: its answers must be the C++ runtime's, for every kind of hierarchy, however often the same
// question is asked, whatever the object, and whichever questions share a place in the memo.
#include <doctest/doctest.h>

#include <array>
#include <tuple>
#include <typeinfo>
#include <utility>

#include "runtime/cast_memo.h"

extern "C" void* __real___dynamic_cast(const void* source, const void* sourceType, const void* targetType,
                                       std::ptrdiff_t hint);

namespace {

struct Base {
  virtual ~Base() = default;
  int base = 0;
};
struct Left : Base {
  int left = 1;
};
struct Right : Base {
  int right = 2;
};
struct Both : Left, Right {  // two Base subobjects
  int both = 3;
};

struct Shared {
  virtual ~Shared() = default;
  int shared = 4;
};
struct ViaFirst : virtual Shared {
  int first = 5;
};
struct ViaSecond : virtual Shared {
  int second = 6;
};
struct Diamond : ViaFirst, ViaSecond {
  int diamond = 7;
};

struct Other {
  virtual ~Other() = default;
};

// A pointer the compiler cannot see through, so that each cast is asked at run time.
template <typename T>
T* opaque(T* pointer) {
  asm volatile("" : "+r"(pointer));
  return pointer;
}

// Memos where every question, or most, share their place with others (the program's has 2,048).
aalint::runtime::CastMemo<1> oneSlot;
aalint::runtime::CastMemo<4> fourSlots;

// The cast asked three times, by the language and of small memos directly, each answer the
// runtime's own (asked with no hint: -1).
template <typename Target, typename Source>
Target* castChecked(Source* source) {
  const void *sourceType = &typeid(Source), *targetType = &typeid(Target);
  auto* expected = static_cast<Target*>(__real___dynamic_cast(source, sourceType, targetType, -1));
  for (int again = 0; again < 3; ++again) {
    CHECK(dynamic_cast<Target*>(opaque(source)) == expected);
    CHECK(oneSlot.cast(opaque(source), sourceType, targetType, -1, __real___dynamic_cast) == expected);
    CHECK(fourSlots.cast(opaque(source), sourceType, targetType, -1, __real___dynamic_cast) == expected);
  }
  return expected;
}

// Many types and many questions, more than the memo has room for: questions that share a place in
// it must not be taken for one another.
template <int N>
struct Numbered : Base {};
constexpr int kNumbered = 48;

template <int... N>
std::array<Base*, sizeof...(N)> numberedObjects(std::integer_sequence<int, N...>) {
  static std::tuple<Numbered<N>...> objects;
  return {static_cast<Base*>(&std::get<Numbered<N>>(objects))...};
}

template <int N>
void castTo(Base* source, Base* onlyMatch) {
  CHECK(castChecked<Numbered<N>>(source) == (source == onlyMatch ? source : nullptr));
}

template <int... N>
void castToEach(Base* source, const std::array<Base*, sizeof...(N)>& objects, std::integer_sequence<int, N...>) {
  (castTo<N>(source, objects[N]), ...);
}

// Records what a cast from a base answers while the derived object is still being built.
struct Observed {
  bool whileBuilding = false;
};
struct BuildingBase {
  explicit BuildingBase(Observed& observed);
  virtual ~BuildingBase() = default;
};
struct Built : BuildingBase {
  explicit Built(Observed& observed) : BuildingBase(observed) {}
};
BuildingBase::BuildingBase(Observed& observed) {
  observed.whileBuilding = dynamic_cast<Built*>(opaque(this)) != nullptr;
}

}  // namespace

TEST_CASE("down-casts and failed casts in a single hierarchy answer as the runtime does, object by object") {
  Left left;
  Right right;
  Base base;
  for (int round = 0; round < 2; ++round) {
    CHECK(castChecked<Left>(static_cast<Base*>(&left)) == &left);
    CHECK(castChecked<Right>(static_cast<Base*>(&left)) == nullptr);
    CHECK(castChecked<Left>(static_cast<Base*>(&right)) == nullptr);
    CHECK(castChecked<Right>(static_cast<Base*>(&right)) == &right);
    CHECK(castChecked<Left>(&base) == nullptr);
  }
  Left another;  // the same question about another object of the same type
  CHECK(castChecked<Left>(static_cast<Base*>(&another)) == &another);
}

TEST_CASE("thousands of different questions about dozens of types each get their own answer") {
  const auto sequence = std::make_integer_sequence<int, kNumbered>();
  const auto objects = numberedObjects(sequence);
  for (int round = 0; round < 2; ++round)
    for (std::size_t i = 0; i < objects.size(); ++i) castToEach(objects[i], objects, sequence);
}

TEST_CASE("casts from either of two base subobjects find the whole object and cross to the other side") {
  Both both;
  Base* viaLeft = static_cast<Left*>(&both);
  Base* viaRight = static_cast<Right*>(&both);
  REQUIRE(viaLeft != viaRight);
  CHECK(castChecked<Both>(viaLeft) == &both);
  CHECK(castChecked<Both>(viaRight) == &both);
  CHECK(castChecked<Right>(viaLeft) == static_cast<Right*>(&both));
  CHECK(castChecked<Left>(viaRight) == static_cast<Left*>(&both));
  CHECK(castChecked<Other>(viaLeft) == nullptr);
  Both second;
  CHECK(castChecked<Right>(static_cast<Base*>(static_cast<Left*>(&second))) == static_cast<Right*>(&second));
}

TEST_CASE("casts from a virtual base reach the whole object and each side of a diamond") {
  Diamond diamond;
  ViaSecond alone;
  Shared* inDiamond = static_cast<ViaFirst*>(&diamond);
  Shared* inAlone = &alone;
  CHECK(castChecked<Diamond>(inDiamond) == &diamond);
  CHECK(castChecked<ViaSecond>(inDiamond) == static_cast<ViaSecond*>(&diamond));
  CHECK(castChecked<ViaFirst>(inDiamond) == static_cast<ViaFirst*>(&diamond));
  // The same target type from the same base type, but another dynamic type: another answer.
  CHECK(castChecked<ViaSecond>(inAlone) == &alone);
  CHECK(castChecked<Diamond>(inAlone) == nullptr);
  CHECK(castChecked<ViaFirst>(inAlone) == nullptr);
}

TEST_CASE("a cast asked while the object is being built answers for the part built so far, and later for the whole") {
  Observed first, second;
  Built built(first);
  CHECK_FALSE(first.whileBuilding);
  CHECK(castChecked<Built>(static_cast<BuildingBase*>(&built)) == &built);
  Built again(second);  // the memo holds the finished object's answer now
  CHECK_FALSE(second.whileBuilding);
}

TEST_CASE("a failed cast of a reference still throws std::bad_cast") {
  Left left;
  Base& base = left;
  CHECK_THROWS_AS((void)dynamic_cast<Right&>(base), std::bad_cast);
  CHECK_NOTHROW((void)dynamic_cast<Left&>(base));
}
