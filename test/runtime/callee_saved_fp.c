// A reset restores the callee-saved floating-point registers (aarch64:
// d8-d15, which __cp_arm saves; x86_64 has none): doubles live across the
// arm and across a call sit in them, and the reset lands in a callee that
// has overwritten them.  Rewound, the caller must still see its own values.
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the thread
// calls into it, and the thread spinning in the region never does.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
#include "Inputs/cp_emul.h"
#include <cancelpoints.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ROUNDS 4
static int fds[2];
static volatile int rewinds, said, wait_for_rewind;
static volatile double seed_d = 1.25;

/* Waits (once per round) for the reset with the callee-saved FP registers
 * holding other values than the caller's. */
__attribute__((noinline)) static double clobber_and_wait(double s)
{
  if (!wait_for_rewind || said)
    return s;
  said = 1;
  if (write(fds[1], "r", 1) != 1)
    return 0;
  while (!rewinds) {
#if defined(__aarch64__)
    double junk = s * 3.0 + 7.0;
    __asm__ volatile("fmov d8, %d0\n\tfmov d9, %d0\n\tfmov d10, %d0\n\tfmov d11, %d0\n\t"
                     "fmov d12, %d0\n\tfmov d13, %d0\n\tfmov d14, %d0\n\tfmov d15, %d0"
                     :
                     : "w"(junk)
                     : "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15");
#endif
  }
  return s;
}

__attribute__((noinline)) static uint64_t work(double s)
{
  /* Eight doubles live across the arm and the call: callee-saved. */
  double v0 = seed_d * s, v1 = v0 + 1.5, v2 = v1 * 0.75, v3 = v2 - 2.0, v4 = v3 * v3,
         v5 = v4 + v0, v6 = v5 * 0.5, v7 = v6 - v1;
  CP_CTX(ctx);
  if (__cp_arm(&ctx))
    rewinds++;
  double r = clobber_and_wait(s);
  cp_disarm(&ctx);
  double t = r + v0 + v1 * 3 + v2 * 5 + v3 * 7 + v4 * 11 + v5 * 13 + v6 * 17 + v7 * 19;
  uint64_t bits;
  memcpy(&bits, &t, sizeof bits);
  return bits;
}

static uint64_t results[ROUNDS];

static void *worker(void *arg)
{
  (void)arg;
  for (int r = 0; r < ROUNDS; r++) {
    said = 0;
    rewinds = 0;
    wait_for_rewind = 1;
    results[r] = work((double)r + 0.5);
  }
  return NULL;
}

int main(void)
{
  alarm(60); /* a broken runtime must fail, not hang */
  uint64_t ref[ROUNDS];
  for (int r = 0; r < ROUNDS; r++)
    ref[r] = work((double)r + 0.5);
  pthread_t t;
  if (pipe(fds) || pthread_create(&t, NULL, worker, NULL))
    return 1;
  for (int r = 0; r < ROUNDS; r++) {
    char ch;
    if (read(fds[0], &ch, 1) != 1)
      return 1;
    cp_cancel_process(); /* each call signals every thread again */
  }
  pthread_join(t, NULL);
  int same = 0;
  for (int r = 0; r < ROUNDS; r++)
    same += results[r] == ref[r];
  // CHECK: 4 of 4 results equal
  printf("%d of %d results equal\n", same, ROUNDS);
  return 0;
}
