/* strscan: hand-written strlen and strchr loops over a buffer of
 * NUL-terminated strings (early-exit loops: not vectorisable). */
#include "bench.h"

#define SIZE (1 << 18)

static char buf[SIZE + 1];

static inline long my_strlen(const char *s) {
  long n = 0;
  while (s[n])
    n++;
  return n;
}

static inline const char *my_strchr(const char *s, char c) {
  for (; *s; s++)
    if (*s == c)
      return s;
  return NULL;
}

BENCH_KERNEL uint64_t bench_kernel(const char *b, long size, long reps) {
  uint64_t acc = 0;
  for (long r = 0; r < reps; r++) {
    char c = (char)('a' + (r % 26));
    const char *p = b, *end = b + size;
    while (p < end) {
      long n = my_strlen(p);
      const char *q = my_strchr(p, c);
      acc = acc * 131 + (uint64_t)n + (q ? (uint64_t)(q - p) : 7);
      p += n + 1;
    }
  }
  return acc;
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 1400);
  bench_lcg g = {8};
  long i = 0;
  while (i < SIZE) {
    long len = 1 + bench_rand(&g) % 160;
    for (long k = 0; k < len && i < SIZE; k++)
      buf[i++] = (char)('a' + bench_rand(&g) % 27); /* 27th letter is '{' */
    if (i < SIZE)
      buf[i++] = 0;
  }
  buf[SIZE - 1] = 0;
  buf[SIZE] = 0;
  BENCH_RUN(bench_kernel(buf, SIZE, reps));
  return 0;
}
