/* reduce: sum, min and max of an int array in one pass; vectorisable. */
#include "bench.h"

#define N (1 << 15)

BENCH_KERNEL uint64_t bench_kernel(const int32_t *a, long n, long reps) {
  uint64_t acc = 0;
  for (long r = 0; r < reps; r++) {
    const int32_t *p = a + (r & 7);
    int64_t sum = 0;
    int32_t mn = INT32_MAX, mx = INT32_MIN;
    for (long i = 0; i < n; i++) {
      int32_t v = p[i];
      sum += v;
      mn = v < mn ? v : mn;
      mx = v > mx ? v : mx;
    }
    acc = acc * 31 + (uint64_t)sum + (uint64_t)(uint32_t)mn * 7 + (uint32_t)mx;
  }
  return acc;
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 14000);
  static int32_t a[N + 8];
  bench_lcg g = {3};
  for (long i = 0; i < N + 8; i++)
    a[i] = (int32_t)bench_rand(&g) - (1 << 30);
  BENCH_RUN(bench_kernel(a, N, reps));
  return 0;
}
