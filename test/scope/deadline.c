// Deadlines: a scope whose deadline passes catches its own cancellation
// (cause deadline, no canceller tid); nested deadlines compose by minimum:
// the earlier one, inner or outer, is the one that fires and catches; a
// deadline in the past cancels at the first point; cp_check sees it.
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the thread
// enters one of its interceptors: the reset signal never reaches a thread
// that computes or waits in the runtime's own system call.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=500 %t | FileCheck %s
#include "Inputs/st.h"

static cp_scope *a, *b;

static void spin(void *x) { (void)x; st_spin_armed(); }

static void run_b(void *x)
{
  (void)x;
  b = cp_scope_create();
  cp_scope_set_deadline(b, cp_now() + *(int64_t *)x);
  int r = cp_scope_run(b, spin, NULL);
  printf("  inner returned %d caught %d cause %d\n", r, cp_scope_cancelled_caught(b),
         cp_scope_cancel_cause(b));
  cp_scope_destroy(b);
  st_spin();
}

static void nested(int64_t outer_ns, int64_t inner_ns)
{
  a = cp_scope_create();
  cp_scope_set_deadline(a, cp_now() + outer_ns);
  int64_t t0 = cp_now();
  int r = cp_scope_run(a, run_b, &inner_ns);
  int64_t took = cp_now() - t0;
  printf("outer returned %d caught %d cause %d tid %d\n", r, cp_scope_cancelled_caught(a),
         cp_scope_cancel_cause(a), cp_scope_canceller_tid(a));
  fprintf(stderr, "took %.1f ms\n", st_ms(took));
  ST_CHECK(took < st_bound(2000000000));
  cp_scope_destroy(a);
}

static void check_loop(void *x)
{
  (void)x;
  int n = 0;
  while (cp_check() == 0)
    n++;
  printf("cp_check saw the deadline: errno %s\n", strerror(errno));
}

int main(void)
{
  alarm(20);
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("inner first:\n");
  /* The gap between the two deadlines bounds how late the canceller may
   * wake for the inner one. */
  nested(st_bound(200000000), 20000000);
  printf("outer first:\n");
  nested(20000000, 5000000000LL);
  a = cp_scope_create();
  cp_scope_set_deadline(a, cp_now() - 1);
  printf("past: %d caught %d\n", cp_scope_run(a, spin, NULL), cp_scope_cancelled_caught(a));
  cp_scope_destroy(a);
  a = cp_scope_create();
  cp_scope_set_deadline(a, cp_now() + 10000000);
  printf("check: %d caught %d\n", cp_scope_run(a, check_loop, NULL), cp_scope_cancelled_caught(a));
  cp_scope_destroy(a);
  return 0;
}
// CHECK: inner first:
// CHECK-NEXT:  inner returned -1 caught 1 cause 3
// CHECK-NEXT: outer returned -1 caught 1 cause 3 tid 0
// CHECK-NEXT: outer first:
// CHECK-NEXT: outer returned -1 caught 1 cause 3 tid 0
// CHECK-NEXT: past: -1 caught 1
// CHECK-NEXT: cp_check saw the deadline: errno Operation canceled
// CHECK-NEXT: check: -1 caught 1
