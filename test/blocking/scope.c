// Blocking calls in a cancel scope: cp_read returns -1/ECANCELED and the
// scope records it (cp_scope_run returns -1/ECANCELED, cancelled_caught);
// a plain read() redirected by the pass (cpcc) delivers to the scope: fn is
// left at the call, and the program carries on after cp_scope_run.
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the thread
// enters one of its interceptors: the reset signal never reaches a thread
// that computes or waits in the runtime's own system call.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t explicit | FileCheck %s --check-prefix=EXPLICIT
// RUN: %cpcc -O2 %s -o %t.cpcc
// RUN: %t.cpcc implicit | FileCheck %s --check-prefix=IMPLICIT
// RUN: env CANCELPOINTS_CHAOS=100 %t.cpcc implicit | FileCheck %s --check-prefix=IMPLICIT
// EXPLICIT: fn: read -1 Operation canceled
// EXPLICIT-NEXT: run: -1 Operation canceled caught=1
// EXPLICIT-NEXT: after: check=0
// IMPLICIT-NOT: fn:
// IMPLICIT: run: -1 Operation canceled caught=1
// IMPLICIT-NEXT: after: check=0
#include <cancelpoints.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int fds[2], marker[2];
static cp_scope *s;
static int implicit;

static void fn(void *a)
{
  (void)a;
  char c;
  if (write(marker[1], "m", 1) != 1)
    return;
  ssize_t r = implicit ? read(fds[0], &c, 1) : cp_read(fds[0], &c, 1);
  printf("fn: read %zd %s\n", r, strerror(errno));
}

static void *canceller(void *a)
{
  (void)a;
  char c;
  if (read(marker[0], &c, 1) == 1)
    cp_scope_cancel(s);
  return NULL;
}

int main(int argc, char **argv)
{
  alarm(20);
  implicit = argc > 1 && !strcmp(argv[1], "implicit");
  if (pipe(fds) || pipe(marker))
    return 1;
  s = cp_scope_create();
  pthread_t t;
  pthread_create(&t, NULL, canceller, NULL);
  int r = cp_scope_run(s, fn, NULL);
  printf("run: %d %s caught=%d\n", r, strerror(errno), cp_scope_cancelled_caught(s));
  pthread_join(t, NULL);
  printf("after: check=%d\n", cp_check());
  return 0;
}
