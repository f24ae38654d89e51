/* hashtable: open addressing (linear probing) insert, then lookups that hit
 * half the time. */
#include "bench.h"

#define CAP (1 << 16)
#define NKEYS 40000

static uint64_t table[CAP]; /* 0 = empty */
static uint64_t keys[NKEYS * 2];

static inline uint64_t mix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  return k;
}

BENCH_KERNEL uint64_t bench_kernel(long reps) {
  uint64_t acc = 0;
  for (long r = 0; r < reps; r++) {
    memset(table, 0, sizeof table);
    for (int i = 0; i < NKEYS; i++) {
      uint64_t k = keys[i] + (uint64_t)r;
      uint64_t h = mix(k) & (CAP - 1);
      while (table[h] != 0 && table[h] != k)
        h = (h + 1) & (CAP - 1);
      table[h] = k;
    }
    uint64_t found = 0;
    for (int i = 0; i < NKEYS * 2; i++) {
      uint64_t k = keys[i] + (uint64_t)r;
      uint64_t h = mix(k) & (CAP - 1);
      while (table[h] != 0) {
        if (table[h] == k) {
          found += h;
          break;
        }
        h = (h + 1) & (CAP - 1);
      }
    }
    acc = acc * 7 + found;
  }
  return acc;
}

int main(int argc, char **argv) {
  long reps = bench_reps(argc, argv, 250);
  bench_lcg g = {10};
  for (int i = 0; i < NKEYS * 2; i++)
    keys[i] = ((uint64_t)bench_rand(&g) << 20 | 1) + (uint64_t)i * 0x100000000ull;
  BENCH_RUN(bench_kernel(reps));
  return 0;
}
