/* purecall: a loop calling effect-free functions: pure_ext, declared const
 * and defined in another TU built without the plugin (pure_helper.c), and
 * pure_local, defined here and kept out of line. */
#include "bench.h"

__attribute__((const)) uint64_t pure_ext(uint64_t x);

__attribute__((noinline)) static uint64_t pure_local(uint64_t x, uint64_t k) {
  uint64_t h = x;
  for (int i = 0; i < 4; i++)
    h = (h ^ (h >> 29)) * k + (uint64_t)i;
  return h;
}

BENCH_KERNEL uint64_t bench_kernel(long n) {
  uint64_t acc = 0;
  for (long i = 0; i < n; i++)
    acc += pure_ext((uint64_t)i ^ acc) + pure_local((uint64_t)i, 0x9e3779b97f4a7c15ull);
  return acc;
}

int main(int argc, char **argv) {
  long n = bench_reps(argc, argv, 80000000);
  BENCH_RUN(bench_kernel(n));
  return 0;
}
