// cpc++ tests: a C++ program - templates, an exception, std::thread - whose
// main thread then spins in a loop until ^C.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

// noinline: inlined into main, which has exception handling, the loop would
// get no point (cxx-remarks.test).
template <typename T> __attribute__((noinline)) T mix(T x, T n) {
  for (T i = 0; i < n; i++)
    x = (x ^ (x >> 29)) * T(0xbf58476d1ce4e5b9ULL) + i;
  return x;
}

static int parse(const std::string &s) {
  if (s.empty() || s[0] < '0' || s[0] > '9')
    throw std::invalid_argument("not a number: " + s);
  return std::atoi(s.c_str());
}

static void bye() { std::printf("atexit handler ran\n"); }

int main(int argc, char **) {
  std::atexit(bye);
  try {
    parse("x");
  } catch (const std::invalid_argument &e) {
    std::printf("caught: %s\n", e.what());
  }
  std::vector<unsigned long> out(4);
  std::vector<std::thread> ts;
  for (unsigned i = 0; i < out.size(); i++)
    ts.emplace_back([&out, i] { out[i] = mix<unsigned long>(i, 1000000); });
  for (auto &t : ts)
    t.join();
  std::printf("threads %lx\n", out[0] ^ out[1] ^ out[2] ^ out[3]);
  std::printf("READY\n");
  std::fflush(stdout);
  std::printf("spin %lx\n", mix<unsigned long>(argc, ~0UL));
  return 0;
}
