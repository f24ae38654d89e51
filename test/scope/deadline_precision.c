// A deadline is kept to the microsecond, not rounded up to a millisecond:
// scopes whose deadline is 100 us away, running a loop that never looks at
// the clock, are caught a median of well under a millisecond after it.
// UNSUPPORTED under TSan: its signal handlers run only in its interceptors.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
#include "Inputs/st.h"

#define RUNS 31

static void spin(void *x)
{
  (void)x;
  st_spin_armed();
}

static int by_value(const void *a, const void *b)
{
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

int main(void)
{
  alarm(20);
  int64_t late[RUNS];
  for (int k = 0; k < RUNS; k++) {
    cp_scope *s = cp_scope_create();
    int64_t deadline = cp_now() + 100000;
    cp_scope_set_deadline(s, deadline);
    int r = cp_scope_run(s, spin, NULL);
    late[k] = cp_now() - deadline;
    ST_CHECK(r == -1 && errno == ECANCELED && cp_scope_cancelled_caught(s));
    cp_scope_destroy(s);
  }
  qsort(late, RUNS, sizeof *late, by_value);
  fprintf(stderr, "late by %.3f ms (median), %.3f ms (most)\n", st_ms(late[RUNS / 2]),
          st_ms(late[RUNS - 1]));
  ST_CHECK(late[0] >= 0);
  ST_CHECK(late[RUNS / 2] < st_bound(600000));
  printf("%d deadlines caught\n", RUNS);
  return 0;
}
// CHECK: 31 deadlines caught
