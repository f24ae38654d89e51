// A C11 mtx_t (mtx_lock, and mtx_timedlock) held across a long loop: the
// deadline lands after mtx_unlock.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// CHECK: mtx run 0: cancelled after the unlock, lock free
// CHECK: mtx run 2: cancelled after the unlock, lock free
// CHECK: mtx_timedlock run 2: cancelled after the unlock, lock free
#include "Inputs/lk.h"
#include <threads.h>
#include <time.h>

static mtx_t m;

static void work(void *arg)
{
  if (arg) {
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    ts.tv_sec += 10;
    LK_CHECK(mtx_timedlock(&m, &ts) == thrd_success);
  } else {
    LK_CHECK(mtx_lock(&m) == thrd_success);
  }
  lk_work(LK_HOLD_NS);
  mtx_unlock(&m);
  lk_unlocked();
}

static int take(void) { return mtx_trylock(&m) == thrd_success ? 0 : -1; }
static void give(void) { mtx_unlock(&m); }

int main(void)
{
  alarm(30);
  setvbuf(stdout, NULL, _IONBF, 0);
  LK_CHECK(mtx_init(&m, mtx_timed) == thrd_success);
  lk_held("mtx", work, NULL, take, give);
  lk_held("mtx_timedlock", work, &m, take, give);
  return 0;
}
