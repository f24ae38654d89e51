/* spmv: sparse CSR matrix times vector, y = M x, x <- y normalised. */
#include "bench.h"

#define ROWS 20000
#define PER_ROW 12

static int rowptr[ROWS + 1], col[ROWS * PER_ROW];
static double val[ROWS * PER_ROW], x[ROWS], y[ROWS];

BENCH_KERNEL uint64_t bench_kernel(long reps) {
  double acc = 0;
  for (long r = 0; r < reps; r++) {
    for (int i = 0; i < ROWS; i++) {
      double s = 0;
      for (int k = rowptr[i]; k < rowptr[i + 1]; k++)
        s += val[k] * x[col[k]];
      y[i] = s;
    }
    acc += y[r % ROWS];
    for (int i = 0; i < ROWS; i++)
      x[i] = y[i] * 0.125 + 0.5;
  }
  return bench_dbits(acc);
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 1300);
  bench_lcg g = {6};
  int nnz = 0;
  for (int i = 0; i < ROWS; i++) {
    rowptr[i] = nnz;
    int cnt = PER_ROW / 2 + (int)(bench_rand(&g) % PER_ROW); /* 6..17, mean ~PER_ROW */
    if (nnz + cnt > ROWS * PER_ROW - (ROWS - i))
      cnt = 1;
    for (int k = 0; k < cnt; k++) {
      col[nnz] = (int)(bench_rand(&g) % ROWS);
      val[nnz] = bench_randf(&g) - 0.5;
      nnz++;
    }
  }
  rowptr[ROWS] = nnz;
  for (int i = 0; i < ROWS; i++)
    x[i] = bench_randf(&g);
  BENCH_RUN(bench_kernel(reps));
  return 0;
}
