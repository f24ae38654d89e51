// A grace that runs out while no point looks: the first to see the time
// marks the scope hard, here the thread itself asking cp_scope_cancel_cause.
// Every thread the scope reaches must still be told, this one included: its
// next point delivers.  (The canceller used to find the scope hard already
// and signal nobody, and a poll word that a question had not updated kept
// the spin below running for ever.)
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
#include "Inputs/st.h"

static void spin_past_grace(void *a)
{
  cp_scope *s = a;
  cp_scope_cancel_graceful(s, 2 * 1000000LL); /* 2 ms, not seen by polls */
  while (cp_scope_cancel_cause(s) != CP_CAUSE_GRACE) {
  }
  st_spin(); /* the next point delivers */
}

int main(void)
{
  alarm(20); /* a lost request must fail, not hang */
  int caught = 0;
  for (int i = 0; i < 20; i++) {
    cp_scope *s = cp_scope_create();
    caught += cp_scope_run(s, spin_past_grace, s) == -1 && errno == ECANCELED;
    cp_scope_destroy(s);
  }
  // CHECK: cancelled after the grace: 20 of 20
  printf("cancelled after the grace: %d of 20\n", caught);
  return 0;
}
