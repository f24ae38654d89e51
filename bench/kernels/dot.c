/* dot: double dot product (strict FP: a serial add chain, as C demands). */
#include "bench.h"

#define N (1 << 14)

BENCH_KERNEL uint64_t bench_kernel(const double *x, const double *y, long n, long reps) {
  double acc = 0;
  for (long r = 0; r < reps; r++) {
    const double *yy = y + (r & 15); /* a different pairing each repetition */
    double s = 0;
    for (long i = 0; i < n; i++)
      s += x[i] * yy[i];
    acc += s;
  }
  return bench_dbits(acc);
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 20000);
  static double x[N], y[N + 16];
  bench_lcg g = {2};
  for (long i = 0; i < N; i++)
    x[i] = bench_randf(&g) - 0.5;
  for (long i = 0; i < N + 16; i++)
    y[i] = bench_randf(&g) - 0.5;
  BENCH_RUN(bench_kernel(x, y, N, reps));
  return 0;
}
