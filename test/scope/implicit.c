// Implicit points inserted by the pass (cpcc): a compute loop in a scope is
// cancelled by another thread, cp_scope_run returns -1/ECANCELED and the
// program goes on to compute more; a recursive function in a scope with a
// deadline, likewise; the same program's results do not change under chaos.
// RUN: %cpcc -O2 %s -o %t
// RUN: %t | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=200 %t | FileCheck %s
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Atomic: the pipe orders it for the canceller, but through the runtime's
 * own system call (the redirected write), which TSan does not see. */
static cp_scope *_Atomic s;
static int fds[2];
double result; /* read by no one, but external: the loop stays */

static double integrate(long n)
{
  double acc = 0;
  for (long i = 0; i < n; i++)
    acc += 1.0 / ((double)i * i + 1.0);
  return acc;
}

static void forever(void *a)
{
  (void)a;
  if (write(fds[1], "r", 1) != 1) {
    perror("write");
    return;
  }
  result = integrate(1L << 62);
}

static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static void deep(void *a) { *(long *)a = fib(60); }
static void quick(void *a) { *(double *)a = integrate(1000000); }

static void *canceller(void *a)
{
  (void)a;
  char c;
  if (read(fds[0], &c, 1) == 1)
    cp_scope_cancel(s);
  return NULL;
}

int main(void)
{
  alarm(20);
  pthread_t t;
  if (pipe(fds) || pthread_create(&t, NULL, canceller, NULL))
    return 1;
  s = cp_scope_create();
  int r = cp_scope_run(s, forever, NULL);
  printf("loop: %d %s caught %d\n", r, strerror(errno), cp_scope_cancelled_caught(s));
  pthread_join(t, NULL);
  cp_scope_destroy(s);

  long f = -1;
  s = cp_scope_create();
  cp_scope_set_deadline(s, cp_now() + 30000000);
  r = cp_scope_run(s, deep, &f);
  printf("recursion: %d caught %d cause %d, f untouched %d\n", r, cp_scope_cancelled_caught(s),
         cp_scope_cancel_cause(s), f == -1);
  cp_scope_destroy(s);

  double q = 0;
  s = cp_scope_create();
  r = cp_scope_run(s, quick, &q);
  printf("after: %d %.9f\n", r, q);
  cp_scope_destroy(s);
  return 0;
}
// CHECK: loop: -1 Operation canceled caught 1
// CHECK-NEXT: recursion: -1 caught 1 cause 3, f untouched 1
// CHECK-NEXT: after: 0 2.076673047
