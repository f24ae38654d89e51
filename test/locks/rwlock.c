// An rwlock held for reading (twice: two read locks count twice) and for
// writing: a deadline that passes meanwhile lands after the last unlock.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// CHECK: read run 0: cancelled after the unlock, lock free
// CHECK: read run 2: cancelled after the unlock, lock free
// CHECK: write run 0: cancelled after the unlock, lock free
// CHECK: write run 2: cancelled after the unlock, lock free
#include "Inputs/lk.h"

static pthread_rwlock_t l = PTHREAD_RWLOCK_INITIALIZER;

static void reader(void *arg)
{
  (void)arg;
  pthread_rwlock_rdlock(&l);
  LK_CHECK(pthread_rwlock_tryrdlock(&l) == 0);
  lk_work(LK_HOLD_NS / 2);
  pthread_rwlock_unlock(&l);
  lk_work(LK_HOLD_NS / 2); /* one read lock left: still held */
  pthread_rwlock_unlock(&l);
  lk_unlocked();
}

static void writer(void *arg)
{
  (void)arg;
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_sec += 10;
  LK_CHECK(pthread_rwlock_timedwrlock(&l, &ts) == 0);
  lk_work(LK_HOLD_NS);
  pthread_rwlock_unlock(&l);
  lk_unlocked();
}

static int take(void) { return pthread_rwlock_trywrlock(&l); }
static void give(void) { pthread_rwlock_unlock(&l); }

int main(void)
{
  alarm(30);
  setvbuf(stdout, NULL, _IONBF, 0);
  lk_held("read", reader, NULL, take, give);
  lk_held("write", writer, NULL, take, give);
  return 0;
}
