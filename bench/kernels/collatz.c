/* collatz: total stopping times: an effect-free while loop with an unknown
 * trip count inside a counted loop. */
#include "bench.h"

BENCH_KERNEL uint64_t bench_kernel(uint64_t start, long n) {
  uint64_t total = 0, best = 0;
  for (uint64_t x = start; x < start + (uint64_t)n; x++) {
    uint64_t v = x, steps = 0;
    while (v != 1) {
      v = (v & 1) ? 3 * v + 1 : v >> 1;
      steps++;
    }
    total += steps;
    best = steps > best ? steps : best;
  }
  return total * 1000 + best;
}

int main(int argc, char **argv) {
  long n = bench_reps(argc, argv, 2000000);
  BENCH_RUN(bench_kernel(1000001, n));
  return 0;
}
