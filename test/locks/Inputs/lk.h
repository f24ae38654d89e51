/* lk.h - helpers of the lock tests (built with cpcc: the tests' own code is
 * instrumented, these helpers too).
 *
 * lk_held(name, take, give): runs, three times, a scope whose deadline
 * (20 ms) passes while the body holds a lock for 150 ms; the body then
 * releases it and spins in a loop with effects.  Checks that the scope is
 * cancelled (-1, ECANCELED, caught), that the work under the lock ran to
 * its end, that the work after the unlock was reached, that the request
 * landed within 50 ms of the unlock, and that the lock is free afterwards
 * (take and give from main).  Prints one line per run. */
#ifndef LK_H
#define LK_H
#include "../../Inputs/time_scale.h"
#include <cancelpoints.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LK_CHECK(c)                                                            \
  do {                                                                         \
    if (!(c)) {                                                                \
      printf("FAILED %s:%d: %s\n", __FILE__, __LINE__, #c);                    \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

#define LK_DEADLINE_NS 20000000   /* the scope's deadline */
#define LK_HOLD_NS 150000000      /* how long the body holds its lock */
#define LK_LAND_NS 50000000       /* bound: unlock to the scope's return */

static unsigned long lk_table[1024];
static volatile int lk_after;
static int64_t lk_unlocked_at, lk_started_at;
static volatile unsigned long lk_iters;

/* Work with effects for ns nanoseconds: a loop whose points are held. */
static __attribute__((noinline)) void lk_work(int64_t ns)
{
  unsigned long seed = 88172645463325252ul;
  int64_t end = cp_now() + ns;
  while (cp_now() < end) {
    for (int i = 0; i < 1000; i++) {
      seed = seed * 6364136223846793005ul + 1;
      lk_table[seed & 1023] += (unsigned long)i;
    }
    lk_iters++;
  }
}

/* After the unlock: note when, then work forever (the request lands). */
static __attribute__((noinline)) void lk_unlocked(void)
{
  lk_unlocked_at = cp_now();
  lk_after = 1;
  for (unsigned long s = 1;; s++)
    lk_table[s & 1023] += s;
}

/* Runs body three times in a scope with a 20 ms deadline; checks as said
 * above; take/give test the lock from the caller afterwards. */
static void lk_held(const char *name, void (*body)(void *), void *arg, int (*take)(void),
                    void (*give)(void))
{
  for (int run = 0; run < 3; run++) {
    cp_scope *s = cp_scope_create();
    lk_after = 0;
    lk_unlocked_at = 0;
    lk_started_at = cp_now();
    cp_scope_set_deadline(s, lk_started_at + LK_DEADLINE_NS);
    int r = cp_scope_run(s, body, arg);
    int e = errno;
    int64_t back = cp_now();
    LK_CHECK(r == -1 && e == ECANCELED);
    LK_CHECK(cp_scope_cancelled_caught(s) && cp_scope_cancel_cause(s) == CP_CAUSE_DEADLINE);
    LK_CHECK(lk_after);
    LK_CHECK(lk_unlocked_at - lk_started_at >= LK_HOLD_NS);
    if (back - lk_unlocked_at > cp_test_bound(LK_LAND_NS))
      printf("%s: landed %.1f ms after the unlock\n", name, (back - lk_unlocked_at) / 1e6);
    LK_CHECK(back - lk_unlocked_at <= cp_test_bound(LK_LAND_NS));
    LK_CHECK(take() == 0);
    give();
    cp_scope_destroy(s);
    printf("%s run %d: cancelled after the unlock, lock free\n", name, run);
  }
}
#endif
