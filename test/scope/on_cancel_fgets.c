// A thread blocked in an uninstrumented fgets on a pipe (libc's read under
// stdio) is cancelled by its scope: its cancel handler is the runtime's
// cp_interrupt_wait, which makes that read fail with EINTR having read
// nothing, so fgets returns NULL, and the next point delivers.  The pipe
// still holds what is written after: nothing was consumed.
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the thread
// enters one of its interceptors: the reset signal never reaches a thread
// that computes or waits in the runtime's own system call.
// UNSUPPORTED: tsan
// RUN: %cpcc -O2 %s -o %t
// RUN: %t | FileCheck %s
// CHECK: fgets: NULL EINTR 1
// CHECK-NEXT: run -1 ECANCELED 1 cause 1
// CHECK-NEXT: after: hello
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static FILE *in;
static int fds[2], ready[2];

static void reader(void *s)
{
  char buf[64];
  if (cp_on_cancel_push(cp_interrupt_wait, NULL) != 0)
    return;
  if (write(ready[1], "r", 1) != 1) /* about to wait */
    return;
  char *r = fgets(buf, sizeof buf, in);
  int e = errno;
  cp_on_cancel_pop();
  printf("fgets: %s EINTR %d\n", r ? buf : "NULL", e == EINTR);
  (void)s;
  cp_check();
}

static void *canceller(void *s)
{
  char c;
  if (read(ready[0], &c, 1) == 1)
    cp_scope_cancel(s);
  return NULL;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  if (pipe(fds) || pipe(ready) || !(in = fdopen(fds[0], "r")))
    return 1;
  cp_scope *s = cp_scope_create();
  pthread_t t;
  pthread_create(&t, NULL, canceller, s);
  int r = cp_scope_run(s, reader, s);
  int e = errno;
  pthread_join(t, NULL);
  printf("run %d ECANCELED %d cause %d\n", r, e == ECANCELED, cp_scope_cancel_cause(s));
  cp_scope_destroy(s);
  clearerr(in);
  char buf[64];
  if (write(fds[1], "hello\n", 6) != 6 || !fgets(buf, sizeof buf, in))
    return 1;
  printf("after: %s", buf);
  return 0;
}
