// ^C: the 1st and 2nd SIGINT each request cancellation (and signal every
// thread, so an armed thread is reset each time), the 3rd kills the process
// by SIGINT even though it never reaches a point that delivers.
// UNSUPPORTED under TSan: under TSan ^C is taken by a thread of the runtime's
// (sigwaitinfo), not by a handler whose count this test drives.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %python %S/Inputs/sigint_driver.py %t 2>&1 | FileCheck %s
#include "Inputs/cp_emul.h"
#include <cancelpoints.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile int armed_said;

/* Spins in an armed region that never delivers; says "armed" once per
 * arming, and what it saw each time it is rewound. */
static void *worker(void *arg)
{
  (void)arg;
  int n = 0;
  for (;;) {
    CP_CTX(ctx);
    if (__cp_arm(&ctx)) {
      unsigned p = __cp_tls.poll;
      cp_disarm(&ctx);
      n++;
      printf("rewound %d, request %s\n", n, p ? "pending" : "absent");
      fflush(stdout);
      continue;
    }
    if (armed_said <= n) {
      armed_said = n + 1;
      if (write(1, "armed\n", 6) != 6)
        return NULL;
    }
    for (;;) {
    }
  }
}

int main(void)
{
  pthread_t t;
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (pthread_create(&t, NULL, worker, NULL))
    return 1;
  /* main must not take the request: waiting in pthread_join with the reset
   * signal unblocked, it would end the process at once (foreign_wait.c). */
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGURG);
  pthread_sigmask(SIG_BLOCK, &m, NULL);
  pthread_join(t, NULL);
  printf("main: worker returned\n");
  return 0;
}
// CHECK: out: armed
// CHECK-NEXT: driver: SIGINT 1
// CHECK-NEXT: out: rewound 1, request pending
// CHECK-NEXT: out: armed
// CHECK-NEXT: driver: SIGINT 2
// CHECK-NEXT: out: rewound 2, request pending
// CHECK-NEXT: out: armed
// CHECK-NEXT: driver: SIGINT 3
// CHECK-NEXT: killed by SIGINT
// CHECK-NOT: cancelpoints:
