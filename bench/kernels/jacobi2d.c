/* jacobi2d: 5-point Jacobi stencil on a 2-D double grid, two buffers. */
#include "bench.h"

#define N 256

static double A[N][N], B[N][N];

BENCH_KERNEL uint64_t bench_kernel(double (*a)[N], double (*b)[N], long steps) {
  for (long t = 0; t < steps; t++) {
    for (int i = 1; i < N - 1; i++)
      for (int j = 1; j < N - 1; j++)
        b[i][j] = 0.2 * (a[i][j] + a[i - 1][j] + a[i + 1][j] + a[i][j - 1] + a[i][j + 1]);
    double (*tmp)[N] = a;
    a = b;
    b = tmp;
  }
  double s = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      s += a[i][j] * (double)((i * 7 + j) & 15);
  return bench_dbits(s);
}

int main(int argc, char **argv) {
  long steps = bench_reps(argc, argv, 8000);
  bench_lcg g = {4};
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      A[i][j] = B[i][j] = bench_randf(&g);
  BENCH_RUN(bench_kernel(A, B, steps));
  return 0;
}
