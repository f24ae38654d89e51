// The reset signal is the program's too: a library built without the
// plugin installs its own SIGURG handler after the runtime's constructor.
// The runtime takes the signal back before it sends one of its own, and
// chains to the library's handler: the library gets every SIGURG sent with
// kill from outside and none of the runtime's (one may slip through in the
// instant between the runtime's check and its send), and the program's
// effect-free loop is still reset under chaos mode (resets > 0), computing
// what it computes without it.  (Its loop is armed whatever its size:
// -cancelpoints-region-max-size=0.)
// UNSUPPORTED under TSan: chaos mode (reset signals to computing threads) is
// not supported under TSan.
// UNSUPPORTED: tsan
// RUN: %clang -O2 -c %S/Inputs/install_sigurg.c -o %t.lib.o
// RUN: %cpcc -O2 -mllvm -cancelpoints-region-max-size=0 %s %t.lib.o -o %t
// RUN: env CANCELPOINTS_CHAOS=100 CANCELPOINTS_STATS=1 %t 2>&1 | FileCheck %s
// CHECK: result 1096834926
// CHECK-NEXT: library: kill 5, the runtime's at most 1: 1
// CHECK-NEXT: cancelpoints: stats: signals={{[1-9][0-9]*}} resets={{[1-9][0-9]*}} chaos_sent={{[1-9][0-9]*}}
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

extern volatile sig_atomic_t lib_foreign, lib_other;
int lib_install(void);
static volatile int done;

/* An effect-free loop: a reset region (of 17 instructions at -O2). */
__attribute__((noinline)) static uint32_t mix(uint32_t x, long n)
{
  for (long i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
  }
  return x;
}

/* Five SIGURGs from "outside" (kill: SI_USER), one at a time so that none
 * merges with another pending one. */
static void *sender(void *unused)
{
  (void)unused;
  for (int i = 1; i <= 5; i++) {
    kill(getpid(), SIGURG);
    while (lib_foreign < i && !done) {
      struct timespec ts = {0, 1000000};
      nanosleep(&ts, NULL);
    }
  }
  return NULL;
}

int main(void)
{
  if (lib_install() != 0)
    return 1;
  pthread_t t;
  pthread_create(&t, NULL, sender, NULL);
  uint32_t r = 0;
  for (int k = 0; k < 20; k++)
    r += mix(2463534242u + (uint32_t)k, 10 * 1000 * 1000);
  pthread_join(t, NULL);
  done = 1;
  printf("result %u\n", r);
  printf("library: kill %d, the runtime's at most 1: %d\n", (int)lib_foreign, lib_other <= 1);
  fflush(stdout);
  return 0;
}
