// The shared runtime works like the static one.
// UNSUPPORTED under TSan: its STATS line counts a reset, and TSan runs the
// reset signal's handler only when the thread enters one of its interceptors.
// UNSUPPORTED: tsan
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: cp %rt_so %t.d/
// RUN: %clang -O2 %rt_cflags %s -L%t.d -lcancelpoints_rt -Wl,-rpath,%t.d -o %t
// RUN: %t | FileCheck %s
// RUN: env CANCELPOINTS_STATS=1 %t 2>&1 | FileCheck --check-prefix=STATS %s
#include "Inputs/cp_emul.h"
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int fds[2];

static void *worker(void *arg)
{
  (void)arg;
  CP_CTX(ctx);
  if (__cp_arm(&ctx)) {
    cp_disarm(&ctx);
    printf("worker: rewound, poll %s\n", __cp_tls.poll ? "set" : "clear");
    return NULL;
  }
  if (write(fds[1], "r", 1) != 1)
    return NULL;
  for (;;) {
  }
}

int main(void)
{
  alarm(60); /* a broken runtime must fail, not hang */
  pthread_t t;
  char c;
  // CHECK: idle: 0
  printf("idle: %d\n", cp_check());
  if (pipe(fds) || pthread_create(&t, NULL, worker, NULL) || read(fds[0], &c, 1) != 1)
    return 1;
  cp_cancel_process();
  pthread_join(t, NULL);
  // CHECK: worker: rewound, poll set
  // CHECK: cancelled: -1 Operation canceled
  int r = cp_check();
  printf("cancelled: %d %s\n", r, strerror(errno));
  fflush(stdout);
  return 0;
}
// STATS: cancelpoints: stats: signals={{[1-9][0-9]*}} resets=1 chaos_sent=0 requests=1
