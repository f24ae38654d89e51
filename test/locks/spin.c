// A spin lock held across a long loop: the deadline lands after the unlock.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// CHECK: spin run 0: cancelled after the unlock, lock free
// CHECK-NEXT: spin run 1: cancelled after the unlock, lock free
// CHECK-NEXT: spin run 2: cancelled after the unlock, lock free
#include "Inputs/lk.h"

static pthread_spinlock_t l;

static void work(void *arg)
{
  (void)arg;
  pthread_spin_lock(&l);
  lk_work(LK_HOLD_NS);
  pthread_spin_unlock(&l);
  lk_unlocked();
}

static int take(void) { return pthread_spin_trylock(&l); }
static void give(void) { pthread_spin_unlock(&l); }

int main(void)
{
  alarm(30);
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_spin_init(&l, PTHREAD_PROCESS_PRIVATE);
  lk_held("spin", work, NULL, take, give);
  return 0;
}
