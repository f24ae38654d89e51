/* matmul: dense double C += A*B, i-k-j order (the vectorisable one). */
#include "bench.h"

#define N 192

static double A[N][N], B[N][N], C[N][N];

BENCH_KERNEL uint64_t bench_kernel(double (*a)[N], double (*b)[N], double (*c)[N], long reps) {
  for (long r = 0; r < reps; r++)
    for (int i = 0; i < N; i++)
      for (int k = 0; k < N; k++) {
        double aik = a[i][k];
        for (int j = 0; j < N; j++)
          c[i][j] += aik * b[k][j];
      }
  double s = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      s += c[i][j];
  return bench_dbits(s);
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 150);
  bench_lcg g = {5};
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      A[i][j] = bench_randf(&g) - 0.5;
      B[i][j] = bench_randf(&g) - 0.5;
    }
  BENCH_RUN(bench_kernel(A, B, C, reps));
  return 0;
}
