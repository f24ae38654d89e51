/* bench.h - the shared frame of every kernel program.
 *
 *   ./kernel [scale]
 *
 * scale (default 1.0) multiplies the kernel's repetition count (never below
 * one repetition), so the harness can run a reduced size under callgrind.
 * The program times only the hot part, with CLOCK_MONOTONIC, in a function
 * called bench_kernel (noinline, so callgrind's --toggle-collect can count
 * exactly it), and prints
 *
 *   time_ns: N      (CLOCK_MONOTONIC: the figure the report is built on)
 *   cpu_ns: N       (CLOCK_THREAD_CPUTIME_ID: the same interval, time on CPU,
 *                    a cross-check on a machine where other work runs)
 *   checksum: X
 *
 * Inputs are made by an LCG with a fixed seed: every build of the same source
 * at the same scale must print the same checksum; a mismatch is a failure. */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline uint64_t bench_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The repetition count: base * scale, at least 1. */
static inline long bench_reps(int argc, char **argv, long base) {
  double scale = argc > 1 ? atof(argv[1]) : 1.0;
  double r = (double)base * scale;
  return r < 1.0 ? 1 : (long)(r + 0.5);
}

/* Deterministic inputs: a 64-bit LCG (Knuth's MMIX constants). */
typedef struct { uint64_t s; } bench_lcg;
static inline uint32_t bench_rand(bench_lcg *g) {
  g->s = g->s * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(g->s >> 33);
}
static inline double bench_randf(bench_lcg *g) { /* [0, 1) */
  return (double)bench_rand(g) / 2147483648.0;
}

/* Fold a double into a checksum bit-exactly. */
static inline uint64_t bench_dbits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

static inline uint64_t bench_cpu_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline void bench_report(uint64_t t0, uint64_t t1, uint64_t c0, uint64_t c1,
                                uint64_t checksum) {
  printf("time_ns: %llu\ncpu_ns: %llu\nchecksum: %016llx\n", (unsigned long long)(t1 - t0),
         (unsigned long long)(c1 - c0), (unsigned long long)checksum);
}

/* BENCH_RUN(expr): time expr (a call to bench_kernel), report it. */
#define BENCH_RUN(expr)                                                        \
  do {                                                                         \
    uint64_t bench_c0_ = bench_cpu_ns();                                       \
    uint64_t bench_t0_ = bench_now_ns();                                       \
    uint64_t bench_cs_ = (expr);                                               \
    uint64_t bench_t1_ = bench_now_ns();                                       \
    uint64_t bench_c1_ = bench_cpu_ns();                                       \
    bench_report(bench_t0_, bench_t1_, bench_c0_, bench_c1_, bench_cs_);       \
  } while (0)

#define BENCH_KERNEL __attribute__((noinline))

#endif
