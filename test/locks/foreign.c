// The inline record is checked at every unlock: a lock taken outside
// instrumented code (a nocancel function) is not recorded, and its unlock in
// instrumented code, whether the lock the thread did take there is still
// recorded inline or (once a request came) by the runtime, leaves that
// record: the request still waits for that lock.  A trylock that fails
// records nothing (one unlock ends the hold).
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=500 CANCELPOINTS_STATS=1 %t.O2 2> %t.chaos.err | FileCheck %s
// RUN: FileCheck --check-prefix=CHAOS %s < %t.chaos.err
// CHAOS: cancelpoints: stats: signals={{[0-9]+}} resets={{[0-9]+}} chaos_sent={{[1-9][0-9]*}}
// CHECK: foreign run 0: cancelled after the unlock, lock free
// CHECK-NEXT: foreign run 1: cancelled after the unlock, lock free
// CHECK-NEXT: foreign run 2: cancelled after the unlock, lock free
#include "Inputs/lk.h"

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, f = PTHREAD_MUTEX_INITIALIZER;

__attribute__((annotate("cp_nocancel"), noinline)) static void take_foreign(void)
{
  pthread_mutex_lock(&f);
}

static void work(void *arg)
{
  (void)arg;
  pthread_mutex_lock(&a);
  take_foreign();
  LK_CHECK(pthread_mutex_trylock(&a) != 0);
  pthread_mutex_unlock(&f); /* before the request: a's record is inline */
  take_foreign();
  lk_work(LK_HOLD_NS / 2);  /* the request comes, a's record moves */
  pthread_mutex_unlock(&f); /* a still holds the request */
  lk_work(LK_HOLD_NS / 2);
  pthread_mutex_unlock(&a);
  lk_unlocked();
}

static int take(void)
{
  if (pthread_mutex_trylock(&a) != 0)
    return -1;
  if (pthread_mutex_trylock(&f) != 0) {
    pthread_mutex_unlock(&a);
    return -1;
  }
  return 0;
}

static void give(void)
{
  pthread_mutex_unlock(&f);
  pthread_mutex_unlock(&a);
}

int main(void)
{
  alarm(30);
  setvbuf(stdout, NULL, _IONBF, 0);
  lk_held("foreign", work, NULL, take, give);
  return 0;
}
