// ^C that does not land within 1 s: the canceller names where each thread
// of the target is (the target's thread spins in code with no points;
// another thread of the target is blocked in read).  A thread outside the
// target (the stopper) is not signalled and not named.  The request lands
// later, at an explicit point.
// UNSUPPORTED under TSan: the notice's timer signal and the reset signals
// that ask each thread where it is reach no computing thread under TSan.
// UNSUPPORTED: tsan
// RUN: %clang -O1 %rt_cflags %s %rt_libs -o %t
// RUN: %interrupt --marker RUNNING -- %t | FileCheck %s
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int stop;
static int fds[2];

static void *reader(void *a)
{
  (void)a;
  char c;
  return (void *)(long)read(fds[0], &c, 1);
}

static void *stopper(void *a)
{
  (void)a;
  /* past the 1 s notice (a reset signal may cut a sleep short: EINTR) */
  int64_t until = cp_now() + 1400000000;
  while (cp_now() < until)
    usleep(10000);
  stop = 1;
  return NULL;
}

__attribute__((noinline)) static void spin_forever(void *a)
{
  (void)a;
  printf("RUNNING\n");
  fflush(stdout);
  while (!stop) {
  }
  printf("explicit point: %d\n", cp_check());
}

int main(void)
{
  pthread_t r, st;
  cp_scope *s = cp_scope_create();
  if (pipe(fds) || cp_thread_create(s, &r, reader, NULL) || pthread_create(&st, NULL, stopper, NULL))
    return 1;
  cp_sigint_target(s);
  int rc = cp_scope_run(s, spin_forever, NULL);
  printf("run: %d caught %d cause %d\n", rc, cp_scope_cancelled_caught(s), cp_scope_cancel_cause(s));
  return 0;
}
// CHECK: RUNNING
// CHECK-NEXT: explicit point: -1
// CHECK-NEXT: run: -1 caught 1 cause 2
// CHECK: stderr: cancelpoints: SIGINT not delivered after 1 s:{{.*}} in spin_forever
// CHECK-SAME: in {{[_a-zA-Z]*}}read{{.*}} (blocked, in a call that is not a point)
// CHECK-NOT: stopper
// CHECK: status: exit=0
