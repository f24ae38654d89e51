// Shields: a request on an outer scope is held while the thread is in a
// shielded scope (even nested shields), and lands at the first point after
// it leaves; the shielded scope's own deadline still fires inside; cp_check
// is 0 inside the shield.
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=500 %t | FileCheck %s
#include "Inputs/st.h"

static cp_scope *outer;

static void critical(void *a)
{
  int depth = *(int *)a;
  if (depth == 1) {
    /* a nested shield inside the shield */
    cp_scope *s2 = cp_scope_create();
    cp_scope_set_shield(s2, 1);
    int d = 2;
    ST_CHECK(cp_scope_run(s2, critical, &d) == 0);
    cp_scope_destroy(s2);
    printf("left inner shield, cp_check %d\n", cp_check());
    return;
  }
  cp_scope_cancel(outer);
  /* points in here see nothing */
  volatile unsigned long n = 0;
  for (int i = 0; i < 1000000; i++) {
    CP_POLL(&st_site);
    n++;
  }
  printf("in shield: cp_check %d, cp_check_graceful %d, loop done\n", cp_check(), cp_check_graceful());
}

static void own_deadline(void *a)
{
  (void)a;
  st_spin();
}

static void body(void *a)
{
  (void)a;
  cp_scope *sh = cp_scope_create();
  cp_scope_set_shield(sh, 1);
  int d = 1;
  int r = cp_scope_run(sh, critical, &d);
  printf("shield returned %d caught %d\n", r, cp_scope_cancelled_caught(sh));
  cp_scope_destroy(sh);

  /* the outer request is still pending: a shielded scope with its own
   * deadline still gets cancelled by the deadline */
  sh = cp_scope_create();
  cp_scope_set_shield(sh, 1);
  cp_scope_set_deadline(sh, cp_now() + 20000000);
  r = cp_scope_run(sh, own_deadline, NULL);
  printf("shield with deadline: %d caught %d cause %d\n", r, cp_scope_cancelled_caught(sh),
         cp_scope_cancel_cause(sh));
  cp_scope_destroy(sh);
  printf("now the held request lands\n");
  st_spin();
}

int main(void)
{
  alarm(20);
  setvbuf(stdout, NULL, _IONBF, 0);
  outer = cp_scope_create();
  int r = cp_scope_run(outer, body, NULL);
  printf("outer: %d caught %d\n", r, cp_scope_cancelled_caught(outer));
  cp_scope_destroy(outer);
  return 0;
}
// CHECK: in shield: cp_check 0, cp_check_graceful 0, loop done
// CHECK-NEXT: left inner shield, cp_check 0
// CHECK-NEXT: shield returned 0 caught 0
// CHECK-NEXT: shield with deadline: -1 caught 1 cause 3
// CHECK-NEXT: now the held request lands
// CHECK-NEXT: outer: -1 caught 1
