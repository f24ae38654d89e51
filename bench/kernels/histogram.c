/* histogram: 256-bin byte histogram (stores at data-dependent addresses). */
#include "bench.h"

#define SIZE (1 << 16)

static unsigned char buf[SIZE];

BENCH_KERNEL uint64_t bench_kernel(const unsigned char *b, long size, long reps) {
  uint32_t hist[256];
  uint64_t acc = 0;
  for (long r = 0; r < reps; r++) {
    memset(hist, 0, sizeof hist);
    unsigned char salt = (unsigned char)r;
    for (long i = 0; i < size; i++)
      hist[(unsigned char)(b[i] + salt)]++;
    for (int k = 0; k < 256; k++)
      acc = acc * 3 + hist[k];
  }
  return acc;
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 9000);
  bench_lcg g = {13};
  for (long i = 0; i < SIZE; i++)
    buf[i] = (unsigned char)(bench_rand(&g) % 97 + bench_rand(&g) % 61);
  BENCH_RUN(bench_kernel(buf, SIZE, reps));
  return 0;
}
