// A recursive mutex taken twice counts twice: after the inner unlock the
// thread still holds it and the request still waits; it lands after the
// outer unlock.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// CHECK: recursive run 0: cancelled after the unlock, lock free
// CHECK-NEXT: recursive run 1: cancelled after the unlock, lock free
// CHECK-NEXT: recursive run 2: cancelled after the unlock, lock free
#include "Inputs/lk.h"

static pthread_mutex_t m;

static void work(void *arg)
{
  (void)arg;
  pthread_mutex_lock(&m);
  pthread_mutex_lock(&m);
  lk_work(LK_HOLD_NS / 2);
  pthread_mutex_unlock(&m);
  lk_work(LK_HOLD_NS / 2);
  pthread_mutex_unlock(&m);
  lk_unlocked();
}

static int take(void) { return pthread_mutex_trylock(&m); }
static void give(void) { pthread_mutex_unlock(&m); }

int main(void)
{
  alarm(30);
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&m, &a);
  lk_held("recursive", work, NULL, take, give);
  return 0;
}
