/* saxpy: y = a*x + y over float arrays that fit in L2; vectorisable. */
#include "bench.h"

#define N (1 << 14)

BENCH_KERNEL uint64_t bench_kernel(const float *restrict x, float *restrict y, long n,
                                   long reps) {
  for (long r = 0; r < reps; r++) {
    float a = 1.0f / (float)(r + 2);
    for (long i = 0; i < n; i++)
      y[i] = a * x[i] + y[i];
  }
  double s = 0;
  for (long i = 0; i < n; i++)
    s += y[i];
  return bench_dbits(s);
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 130000);
  static float x[N], y[N];
  bench_lcg g = {1};
  for (long i = 0; i < N; i++) {
    x[i] = (float)bench_randf(&g);
    y[i] = (float)bench_randf(&g);
  }
  BENCH_RUN(bench_kernel(x, y, N, reps));
  return 0;
}
