// Cleanups: LIFO on cancellation, before cp_scope_run returns; never on a
// normal return; pop(1) runs one, pop(0) drops one; a pop cannot reach
// below the scope it is in.
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
#include "Inputs/st.h"

static cp_scope *s;
static void cl(void *a) { printf("cleanup %s\n", (const char *)a); }

static void normal(void *a)
{
  (void)a;
  cp_cleanup_push(cl, "dropped");
  cp_cleanup_push(cl, "popped-1");
  cp_cleanup_pop(1);
  cp_cleanup_push(cl, "popped-0");
  cp_cleanup_pop(0);
  cp_cleanup_push(cl, "left");
}

static void inner_pop(void *a)
{
  (void)a;
  cp_cleanup_pop(1); /* nothing of this scope: no effect */
  printf("inner pop done\n");
}

static void cancelled(void *a)
{
  (void)a;
  for (int i = 1; i <= 3; i++) {
    static const char *n[] = {"", "c1", "c2", "c3"};
    cp_cleanup_push(cl, (void *)n[i]);
  }
  cp_scope *in = cp_scope_create();
  ST_CHECK(cp_scope_run(in, inner_pop, NULL) == 0);
  cp_scope_destroy(in);
  printf("cancel\n");
  cp_scope_cancel(s);
  st_spin();
}

int main(void)
{
  alarm(20);
  setvbuf(stdout, NULL, _IONBF, 0);
  s = cp_scope_create();
  printf("normal: %d\n", cp_scope_run(s, normal, NULL));
  cp_scope_destroy(s);
  s = cp_scope_create();
  int r = cp_scope_run(s, cancelled, NULL);
  printf("cancelled: %d %s\n", r, strerror(errno));
  cp_scope_destroy(s);
  /* outside any scope: pop with nothing pushed is harmless */
  cp_cleanup_pop(1);
  printf("done\n");
  return 0;
}
// CHECK: cleanup popped-1
// CHECK-NEXT: normal: 0
// CHECK-NEXT: inner pop done
// CHECK-NEXT: cancel
// CHECK-NEXT: cleanup c3
// CHECK-NEXT: cleanup c2
// CHECK-NEXT: cleanup c1
// CHECK-NEXT: cancelled: -1 Operation canceled
// CHECK-NEXT: done
// CHECK-NOT: cleanup
