// The string pool: one copy per content, however many threads ask.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "support/string_pool.h"

using aalint::StringPool;

TEST_CASE("the string pool keeps one copy of each content, asked from several threads at once") {
  StringPool pool;
  const std::string& home = pool.intern("/home/*/.config/**");
  CHECK(&pool.intern(std::string("/home/*/.config/**")) == &home);
  CHECK(&pool.intern("/home/*/.cache/**") != &home);
  CHECK(home == "/home/*/.config/**");
  // Two threads intern the same 2,000 strings in opposite orders: each gets the same copies.
  std::vector<std::string> texts;
  for (int i = 0; i < 2000; ++i) texts.push_back("/usr/share/app" + std::to_string(i) + "/**");
  std::vector<const std::string*> forward(texts.size()), backward(texts.size());
  std::thread a([&] {
    for (std::size_t i = 0; i < texts.size(); ++i) forward[i] = &pool.intern(texts[i]);
  });
  std::thread b([&] {
    for (std::size_t i = texts.size(); i-- > 0;) backward[i] = &pool.intern(texts[i]);
  });
  a.join();
  b.join();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CHECK(forward[i] == backward[i]);
    CHECK(*forward[i] == texts[i]);
  }
  CHECK(&pool.intern("/home/*/.config/**") == &home);  // unmoved by the pool's growth
}
