// Chaos mode: reset signals at random instants with no request.  Threads
// computing in armed reset regions are rewound (at most 3 times per arming,
// so they make progress) and every result equals the one computed without
// arming: the law.  CANCELPOINTS_STATS=1 proves resets happened.
// UNSUPPORTED under TSan: chaos mode (reset signals to computing threads) is
// not supported under TSan.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: env CANCELPOINTS_CHAOS=50 CANCELPOINTS_STATS=1 %t 2>&1 | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=50 CANCELPOINTS_STATS=1 CANCELPOINTS_SIGNAL=SIGRTMIN %t 2>&1 | FileCheck %s
// RUN: %t 2>&1 | FileCheck --check-prefix=NOCHAOS %s
#include "Inputs/cp_emul.h"
#include <cancelpoints.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

static uint64_t ref[JOBS];
static _Atomic int bad;
static int chaos; /* CANCELPOINTS_CHAOS is set: go on until a rewind is seen */

/* Rounds of all the jobs, compared with the reference as they finish.  On a
 * loaded machine one round may see no chaos signal inside a region, so with
 * chaos on a worker goes on (within the alarm) until some thread was rewound:
 * the test then always checks results that went through resets. */
static void *worker(void *arg)
{
  (void)arg;
  do
    for (int j = 0; j < JOBS; j++)
      bad += job((uint64_t)j + 1, 1) != ref[j];
  while (chaos && rewinds == 0);
  return NULL;
}

int main(void)
{
  alarm(120); /* a broken runtime must fail, not hang */
  chaos = getenv("CANCELPOINTS_CHAOS") != NULL;
  for (int j = 0; j < JOBS; j++)
    ref[j] = job((uint64_t)j + 1, 0);
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    if (pthread_create(&t[i], NULL, worker, NULL))
      return 1;
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  printf("results differing: %d\n", bad);
  printf("rewound: %s\n", rewinds > 0 ? "yes" : "no");
  fflush(stdout);
  return 0;
}
// CHECK: results differing: 0{{$}}
// CHECK-NEXT: rewound: yes
// CHECK-NEXT: cancelpoints: stats: signals={{[1-9][0-9]*}} resets={{[1-9][0-9]*}} chaos_sent={{[1-9][0-9]*}} requests=0
// NOCHAOS: results differing: 0{{$}}
// NOCHAOS-NEXT: rewound: no
// NOCHAOS-NOT: cancelpoints
