// A lock followed at once by a cleanup that releases it
// (cp_cleanup_push(unlock, &m)) may be cancelled through: the deadline
// lands inside the locked loop, the cleanup unlocks, the mutex is free.
// Also with libc's pthread_mutex_unlock itself as the cleanup, and after
// cp_cleanup_pop(0) the lock holds requests again.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// CHECK: own cleanup: cancelled inside the lock, unlock ran 1, lock free
// CHECK-NEXT: libc's unlock as the cleanup: cancelled inside the lock, lock free
// CHECK-NEXT: popped run 0: cancelled after the unlock, lock free
// CHECK-NEXT: popped run 1: cancelled after the unlock, lock free
// CHECK-NEXT: popped run 2: cancelled after the unlock, lock free
#include "Inputs/lk.h"

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int unlocks;

static void unlock(void *p)
{
  unlocks++;
  pthread_mutex_unlock(p);
}

static void forever_locked(void *libc)
{
  pthread_mutex_lock(&m);
  if (libc)
    cp_cleanup_push((void (*)(void *))pthread_mutex_unlock, &m);
  else
    cp_cleanup_push(unlock, &m);
  lk_work(INT64_MAX / 2); /* until cancelled */
  cp_cleanup_pop(1);
}

static void popped(void *arg)
{
  (void)arg;
  pthread_mutex_lock(&m);
  cp_cleanup_push(unlock, &m);
  cp_cleanup_pop(0); /* the lock holds requests again */
  lk_work(LK_HOLD_NS);
  pthread_mutex_unlock(&m);
  lk_unlocked();
}

static int take(void) { return pthread_mutex_trylock(&m); }
static void give(void) { pthread_mutex_unlock(&m); }

static void through(const char *what, void *libc)
{
  cp_scope *s = cp_scope_create();
  int64_t t0 = cp_now();
  cp_scope_set_deadline(s, t0 + LK_DEADLINE_NS);
  unlocks = 0;
  int r = cp_scope_run(s, forever_locked, libc);
  LK_CHECK(r == -1 && errno == ECANCELED && cp_scope_cancelled_caught(s));
  LK_CHECK(cp_now() - t0 < 2000000000);
  LK_CHECK(take() == 0);
  give();
  cp_scope_destroy(s);
  if (libc)
    printf("%s: cancelled inside the lock, lock free\n", what);
  else
    printf("%s: cancelled inside the lock, unlock ran %d, lock free\n", what, unlocks);
}

int main(void)
{
  alarm(30);
  setvbuf(stdout, NULL, _IONBF, 0);
  through("own cleanup", NULL);
  through("libc's unlock as the cleanup", &m);
  lk_held("popped", popped, NULL, take, give);
  return 0;
}
