// Every dynamic_cast of the program goes through a memo (cast_memo.h): the link replaces the C++
// runtime's __dynamic_cast with this one (-Wl,--wrap=__dynamic_cast, CMakeLists.txt).
//
// Why: the ANTLR 4.9 runtime tests the type of ATN states and transitions with dynamic_cast while
// it builds its automata at start-up and while it lexes and parses, and libstdc++ answers a failing
// cast by walking the class hierarchy and comparing type names with strcmp at every level (type
// names are not merged on Linux). That was 16% of the instructions of checking Debian's profiles and
// 42% of checking a one-line file, nearly all of it the same few hundred questions asked again.
#include "runtime/cast_memo.h"

extern "C" void* __real___dynamic_cast(const void* source, const void* sourceType, const void* targetType,
                                       std::ptrdiff_t hint);

extern "C" void* __wrap___dynamic_cast(const void* source, const void* sourceType, const void* targetType,
                                       std::ptrdiff_t hint) {
  // Per thread, so without locks. A run asks some 200 to 300 different questions: 512 places
  // (16 KiB of each thread's memory) hold most of them apart.
  thread_local aalint::runtime::CastMemo<512> memo;
  return memo.cast(source, sourceType, targetType, hint, __real___dynamic_cast);
}
