/* fnv: FNV-1a 64-bit hash of a buffer, one byte at a time. */
#include "bench.h"

#define SIZE (1 << 16)

static unsigned char buf[SIZE];

BENCH_KERNEL uint64_t bench_kernel(const unsigned char *b, long size, long reps) {
  uint64_t h = 14695981039346656037ull;
  for (long r = 0; r < reps; r++) {
    for (long i = 0; i < size; i++) {
      h ^= b[i];
      h *= 1099511628211ull;
    }
    h ^= (uint64_t)r;
  }
  return h;
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 4500);
  bench_lcg g = {9};
  for (long i = 0; i < SIZE; i++)
    buf[i] = (unsigned char)bench_rand(&g);
  BENCH_RUN(bench_kernel(buf, SIZE, reps));
  return 0;
}
