/* fib: naive doubly recursive Fibonacci. */
#include "bench.h"

static uint64_t fib(int n) { return n < 2 ? (uint64_t)n : fib(n - 1) + fib(n - 2); }

BENCH_KERNEL uint64_t bench_kernel(int n, long reps) {
  uint64_t acc = 0;
  for (long r = 0; r < reps; r++)
    acc = acc * 3 + fib(n - (int)(r & 1));
  return acc;
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 140);
  BENCH_RUN(bench_kernel(30, reps));
  return 0;
}
