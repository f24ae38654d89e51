// Delivery from a thread other than main while main waits in pthread_join:
// the process exits with 130 from that thread; main never returns; a second
// thread reaching a point meanwhile parks instead of reporting again.
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the thread
// enters one of its interceptors: the reset signal never reaches a thread
// that computes or waits in the runtime's own system call.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: sh -c '%t; echo "exit=$?"' 2>&1 | FileCheck %s
#include "Inputs/cp_emul.h"
#include <cancelpoints.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit ran\n"); }

__attribute__((noinline)) static void *worker_loop(void *arg)
{
  volatile unsigned long n = 0;
  (void)arg;
  for (;;) {
    n++;
    CP_POLL(NULL);
  }
}

int main(void)
{
  alarm(60); /* a broken runtime must fail, not hang */
  pthread_t t[4];
  atexit(bye);
  for (int i = 0; i < 4; i++)
    if (pthread_create(&t[i], NULL, worker_loop, NULL))
      return 1;
  cp_cancel_process();
  pthread_join(t[0], NULL);
  printf("main returned from pthread_join\n");
  return 0;
}
// CHECK: {{^}}cancelpoints: cancelled by cp_cancel_process in worker_loop{{$}}
// CHECK-NOT: cancelpoints:
// CHECK-NOT: main returned
// CHECK: atexit ran
// CHECK-NEXT: exit=130
