// Two nested mutexes released in turn (in order, and out of order): the
// request waits for the second unlock, whichever it is.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// CHECK: nested run 0: cancelled after the unlock, lock free
// CHECK: nested run 2: cancelled after the unlock, lock free
// CHECK: crossed run 0: cancelled after the unlock, lock free
// CHECK: crossed run 2: cancelled after the unlock, lock free
#include "Inputs/lk.h"

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;

static void work(void *crossed)
{
  pthread_mutex_lock(&a);
  lk_work(LK_HOLD_NS / 3);
  pthread_mutex_lock(&b);
  lk_work(LK_HOLD_NS / 3);
  pthread_mutex_unlock(crossed ? &a : &b);
  lk_work(LK_HOLD_NS / 3); /* one still held */
  pthread_mutex_unlock(crossed ? &b : &a);
  lk_unlocked();
}

static int take(void)
{
  if (pthread_mutex_trylock(&a))
    return -1;
  if (pthread_mutex_trylock(&b)) {
    pthread_mutex_unlock(&a);
    return -1;
  }
  return 0;
}

static void give(void)
{
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
}

int main(void)
{
  alarm(30);
  setvbuf(stdout, NULL, _IONBF, 0);
  lk_held("nested", work, NULL, take, give);
  lk_held("crossed", work, &a, take, give);
  return 0;
}
