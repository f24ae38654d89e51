// A reset restores what __cp_arm saved: a function with many values live
// across the arm (callee-saved registers and spill slots) computes the same
// result when it is rewound in the middle of its region as when it is not.
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the thread
// enters one of its interceptors: the reset signal never reaches a thread
// that computes or waits in the runtime's own system call.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
// RUN: %clang -O0 %rt_cflags %s %rt_libs -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %clang -O3 -march=native %rt_cflags %s %rt_libs -o %t.O3
// RUN: %t.O3 | FileCheck %s
#include "Inputs/cp_emul.h"
#include <cancelpoints.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define ROUNDS 8
static int fds[2];
static volatile int rewinds, said, wait_for_rewind;
static volatile uint64_t seeds[12] = {1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31};

__attribute__((noinline)) static uint64_t work(uint64_t s, long n)
{
  uint64_t a = seeds[0] * s, b = seeds[1] ^ s, c = seeds[2] + s, d = seeds[3] * (s + 1),
           e = seeds[4] ^ (s << 3), f = seeds[5] + (s >> 2), g = seeds[6] * (s | 1),
           h = seeds[7] ^ (s * 3), i = seeds[8] + s * s, j = seeds[9] * (s ^ 5), k = seeds[10] + (s << 7),
           l = seeds[11] ^ (s >> 1);
  double fa = (double)a, fb = (double)b;
  CP_CTX(ctx);
  if (__cp_arm(&ctx))
    rewinds++;
  /* The region: reads everything above, writes only fresh locals. */
  uint64_t h1 = a, h2 = b, h3 = c, h4 = d, h5 = e, h6 = f;
  double acc = fa;
  for (long it = 0; it < n; it++) {
    h1 = h1 * 6364136223846793005ULL + g;
    h2 = (h2 ^ h1) * 0x9E3779B97F4A7C15ULL + h;
    h3 += (h2 >> 17) ^ i;
    h4 = (h4 << 5 | h4 >> 59) ^ (h3 + j);
    h5 += h4 * k;
    h6 ^= h5 + l + (uint64_t)it;
    acc = acc * 0.999999 + fb * 1e-9 + (double)(h6 & 0xff);
  }
  if (wait_for_rewind) {
    if (!said) {
      said = 1;
      if (write(fds[1], "r", 1) != 1)
        return 0;
    }
    while (!rewinds) {
    }
  }
  cp_disarm(&ctx);
  return h1 ^ h2 ^ h3 ^ h4 ^ h5 ^ h6 ^ (uint64_t)acc ^ a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ i ^ j ^ k ^
         l;
}

static uint64_t results[ROUNDS];

static void *worker(void *arg)
{
  (void)arg;
  for (int r = 0; r < ROUNDS; r++) {
    said = 0;
    rewinds = 0;
    wait_for_rewind = 1;
    results[r] = work((uint64_t)r + 1, 1000 + r * 40000);
  }
  return NULL;
}

int main(void)
{
  alarm(60); /* a broken runtime must fail, not hang */
  uint64_t ref[ROUNDS];
  for (int r = 0; r < ROUNDS; r++)
    ref[r] = work((uint64_t)r + 1, 1000 + r * 40000);
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
  // CHECK: 8 of 8 results equal
  printf("%d of %d results equal\n", same, ROUNDS);
  return 0;
}
