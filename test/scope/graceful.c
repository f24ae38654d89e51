// Graceful requests: cp_check does not see them in a plain scope,
// cp_check_graceful does; in a graceful scope every point does (implicit
// ones deliver); the grace, inherited from the parent, turns the request
// hard (cause grace); a hard request overtakes a graceful one at once; a
// child scope is not graceful unless set.
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=500 %t | FileCheck %s
#include "Inputs/st.h"

static cp_scope *s;

static void make_s(void *a)
{
  (void)a;
  s = cp_scope_create();
}

static void plain(void *a)
{
  (void)a;
  int64_t t0 = cp_now(); /* before the request: a preemption after it must not shorten the grace */
  cp_scope_cancel_graceful(s, -1); /* parent's grace: 100 ms */
  printf("plain: cp_check %d cp_check_graceful %d\n", cp_check(), cp_check_graceful());
  volatile unsigned long n = 0;
  for (int i = 0; i < 1000; i++) /* polls in a non-graceful scope: nothing */
    CP_POLL(&st_site);
  while (cp_check() == 0)
    n++;
  int64_t took = cp_now() - t0;
  fprintf(stderr, "grace took %.1f ms\n", st_ms(took));
  printf("plain: hard after the grace: %s\n", took >= 90000000 && took < 1500000000 ? "yes" : "NO");
}

static void plain_child_body(void *a)
{
  (void)a;
  printf("aware: child scope: cp_check %d cp_check_graceful %d\n", cp_check(), cp_check_graceful());
}

static void aware(void *a)
{
  (void)a;
  cp_scope *child = cp_scope_create(); /* not graceful: sees nothing */
  printf("aware: cp_check %d\n", cp_check());
  ST_CHECK(cp_scope_run(child, plain_child_body, NULL) == 0);
  cp_scope_destroy(child);
  st_spin(); /* an implicit point in a graceful scope delivers */
}

static void overtake(void *a)
{
  (void)a;
  cp_scope_cancel_graceful(s, 10000000000LL);
  printf("overtake: cp_check %d\n", cp_check());
  cp_scope_cancel(s);
  printf("overtake: cp_check %d\n", cp_check());
}

int main(void)
{
  alarm(20);
  setvbuf(stdout, NULL, _IONBF, 0);
  cp_scope *p = cp_scope_create();
  cp_scope_set_grace(p, 100000000);
  /* s is a child of p: created while running in p */
  struct { int dummy; } d;
  (void)d;
  ST_CHECK(cp_scope_run(p, make_s, NULL) == 0);
  int r = cp_scope_run(s, plain, NULL);
  printf("plain: run %d caught %d cause %d\n", r, cp_scope_cancelled_caught(s), cp_scope_cancel_cause(s));
  cp_scope_destroy(s);

  s = cp_scope_create();
  cp_scope_set_graceful(s, 1);
  cp_scope_cancel_graceful(s, 10000000000LL);
  r = cp_scope_run(s, aware, NULL);
  printf("aware: run %d caught %d cause %d\n", r, cp_scope_cancelled_caught(s), cp_scope_cancel_cause(s));
  cp_scope_destroy(s);

  s = cp_scope_create();
  r = cp_scope_run(s, overtake, NULL);
  printf("overtake: run %d caught %d\n", r, cp_scope_cancelled_caught(s));
  cp_scope_destroy(s);
  cp_scope_destroy(p);
  return 0;
}
// CHECK: plain: cp_check 0 cp_check_graceful -1
// CHECK-NEXT: plain: hard after the grace: yes
// CHECK-NEXT: plain: run -1 caught 1 cause 5
// CHECK-NEXT: aware: cp_check -1
// CHECK-NEXT: aware: child scope: cp_check 0 cp_check_graceful -1
// CHECK-NEXT: aware: run -1 caught 1 cause 1
// CHECK-NEXT: overtake: cp_check 0
// CHECK-NEXT: overtake: cp_check -1
// CHECK-NEXT: overtake: run -1 caught 1
