// Nesting: a request on an outer scope reaches a thread running in an inner
// one, the inner scopes' cleanups run LIFO, the outer cp_scope_run returns
// -1/ECANCELED and only the outer scope has cancelled_caught; a scope that
// cancels itself catches its own cancellation; who asked.
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=500 %t | FileCheck %s
#include "Inputs/st.h"

static cp_scope *outer, *inner, *self;
static int fds[2];

static void cl(void *a) { printf("cleanup %s\n", (const char *)a); }

static void in_inner(void *a)
{
  (void)a;
  cp_cleanup_push(cl, "inner-1");
  cp_cleanup_push(cl, "inner-2");
  ST_CHECK(write(fds[1], "r", 1) == 1);
  st_spin();
}

static void in_outer(void *a)
{
  (void)a;
  cp_cleanup_push(cl, "outer");
  inner = cp_scope_create();
  ST_CHECK(cp_scope_current() == outer);
  int r = cp_scope_run(inner, in_inner, NULL);
  printf("inner returned %d (must not)\n", r);
}

static void *canceller(void *a)
{
  (void)a;
  char c;
  ST_CHECK(read(fds[0], &c, 1) == 1);
  cp_scope_cancel(outer);
  return NULL;
}

static void cancel_self(void *a)
{
  (void)a;
  cp_cleanup_push(cl, "self");
  cp_scope_cancel(self);
  st_spin();
}

int main(void)
{
  alarm(20);
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_t t;
  ST_CHECK(pipe(fds) == 0);
  outer = cp_scope_create();
  ST_CHECK(pthread_create(&t, NULL, canceller, NULL) == 0);
  int r = cp_scope_run(outer, in_outer, NULL);
  int e = errno;
  pthread_join(t, NULL);
  printf("outer: %d %s\n", r, strerror(e));
  printf("outer: called %d caught %d cause %d tid-is-canceller %d\n", cp_scope_cancel_called(outer),
         cp_scope_cancelled_caught(outer), cp_scope_cancel_cause(outer),
         cp_scope_canceller_tid(outer) != 0 && cp_scope_canceller_tid(outer) != cp_test_gettid());
  printf("inner: called %d caught %d cause %d\n", cp_scope_cancel_called(inner),
         cp_scope_cancelled_caught(inner), cp_scope_cancel_cause(inner));
  ST_CHECK(cp_scope_current() == NULL);
  ST_CHECK(cp_check() == 0);
  cp_scope_destroy(inner);
  cp_scope_destroy(outer);

  self = cp_scope_create();
  r = cp_scope_run(self, cancel_self, NULL);
  printf("self: %d caught %d cause %d tid-is-me %d\n", r, cp_scope_cancelled_caught(self),
         cp_scope_cancel_cause(self), cp_scope_canceller_tid(self) == cp_test_gettid());
  cp_scope_destroy(self);
  printf("done\n");
  return 0;
}
// CHECK: cleanup inner-2
// CHECK-NEXT: cleanup inner-1
// CHECK-NEXT: cleanup outer
// CHECK-NEXT: outer: -1 Operation canceled
// CHECK-NEXT: outer: called 1 caught 1 cause 1 tid-is-canceller 1
// CHECK-NEXT: inner: called 0 caught 0 cause 4
// CHECK-NEXT: cleanup self
// CHECK-NEXT: self: -1 caught 1 cause 1 tid-is-me 1
// CHECK-NEXT: done
