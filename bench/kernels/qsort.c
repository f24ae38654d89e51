/* qsort: hand-written recursive quicksort (median of three, insertion sort
 * for short ranges) of an int array. */
#include "bench.h"

#define N (1 << 16)

static int32_t src[N], a[N];

static void quicksort(int32_t *v, long lo, long hi) {
  while (hi - lo > 16) {
    long mid = lo + (hi - lo) / 2;
    int32_t x = v[lo], y = v[mid], z = v[hi - 1];
    int32_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
    long i = lo, j = hi - 1;
    for (;;) {
      while (v[i] < pivot)
        i++;
      while (v[j] > pivot)
        j--;
      if (i >= j)
        break;
      int32_t t = v[i];
      v[i] = v[j];
      v[j] = t;
      i++;
      j--;
    }
    quicksort(v, lo, j + 1);
    lo = j + 1;
  }
  for (long i = lo + 1; i < hi; i++) {
    int32_t t = v[i];
    long j = i;
    while (j > lo && v[j - 1] > t) {
      v[j] = v[j - 1];
      j--;
    }
    v[j] = t;
  }
}

BENCH_KERNEL uint64_t bench_kernel(long reps) {
  uint64_t acc = 0;
  for (long r = 0; r < reps; r++) {
    for (long i = 0; i < N; i++)
      a[i] = src[i] ^ (int32_t)(r * 2654435761u);
    quicksort(a, 0, N);
    acc = acc * 31 + (uint32_t)a[N / 3] + (uint32_t)a[r % N];
  }
  return acc;
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 90);
  bench_lcg g = {11};
  for (long i = 0; i < N; i++)
    src[i] = (int32_t)bench_rand(&g);
  BENCH_RUN(bench_kernel(reps));
  return 0;
}
