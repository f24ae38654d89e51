// Chaos mode: reset signals at random instants with no request.  Threads
// computing in armed reset regions are rewound (at most 3 times per arming,
// so they make progress) and every result equals the one computed without
// arming: the law.  CANCELPOINTS_STATS=1 proves resets happened.
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: env CANCELPOINTS_CHAOS=50 CANCELPOINTS_STATS=1 %t 2>&1 | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=50 CANCELPOINTS_STATS=1 CANCELPOINTS_SIGNAL=SIGRTMIN %t 2>&1 | FileCheck %s
// RUN: %t 2>&1 | FileCheck --check-prefix=NOCHAOS %s
#include "Inputs/cp_emul.h"
#include <cancelpoints.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define THREADS 3
#define JOBS 300
static _Atomic long rewinds;

/* One region: values live across the arm, fresh locals written inside. */
__attribute__((noinline)) static uint64_t job(uint64_t s, int arm)
{
  uint64_t a = s * 0x9E3779B97F4A7C15ULL, b = s ^ 0xdeadbeef, c = s + 12345, d = s * s;
  double x = (double)s;
  CP_CTX(ctx);
  if (arm && __cp_arm(&ctx))
    rewinds++;
  uint64_t h = a, g = b;
  double y = x;
  for (int i = 0; i < 20000; i++) {
    h = (h ^ (h >> 31)) * c + d;
    g += h >> 7;
    y = y * 0.5 + (double)(g & 1023) / (1.0 + (double)i);
  }
  if (arm)
    cp_disarm(&ctx);
  return h ^ g ^ (uint64_t)(y * 1e6) ^ a ^ b ^ c ^ d;
}

static uint64_t ref[JOBS], got[THREADS][JOBS];

static void *worker(void *arg)
{
  uint64_t *out = arg;
  for (int j = 0; j < JOBS; j++)
    out[j] = job((uint64_t)j + 1, 1);
  return NULL;
}

int main(void)
{
  alarm(120); /* a broken runtime must fail, not hang */
  for (int j = 0; j < JOBS; j++)
    ref[j] = job((uint64_t)j + 1, 0);
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    if (pthread_create(&t[i], NULL, worker, got[i]))
      return 1;
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  int bad = 0;
  for (int i = 0; i < THREADS; i++)
    for (int j = 0; j < JOBS; j++)
      bad += got[i][j] != ref[j];
  printf("results differing: %d of %d\n", bad, THREADS * JOBS);
  printf("rewound: %s\n", rewinds > 0 ? "yes" : "no");
  fflush(stdout);
  return 0;
}
// CHECK: results differing: 0 of 900
// CHECK-NEXT: rewound: yes
// CHECK-NEXT: cancelpoints: stats: signals={{[1-9][0-9]*}} resets={{[1-9][0-9]*}} chaos_sent={{[1-9][0-9]*}} requests=0
// NOCHAOS: results differing: 0 of 900
// NOCHAOS-NEXT: rewound: no
// NOCHAOS-NOT: cancelpoints
