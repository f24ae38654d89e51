// Callbacks that libc runs under a lock of its own: a pthread_once init
// routine and a dl_iterate_phdr callback, each with a long loop, while a
// deadline passes.  The callback runs to its end, the request lands after
// libc's call returns, and libc's lock is free afterwards (another thread's
// pthread_once returns, dl_iterate_phdr runs again).
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// CHECK: pthread_once: routine ran to its end, cancelled after, once done
// CHECK-NEXT: dl_iterate_phdr: callback ran to its end, cancelled after, loader free
#define _GNU_SOURCE
#include <link.h>
#include "Inputs/lk.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static volatile int inited, calls;

static void init_routine(void)
{
  lk_work(LK_HOLD_NS);
  inited = 1;
}

static int each(struct dl_phdr_info *info, size_t size, void *arg)
{
  (void)info, (void)size, (void)arg;
  if (calls++ == 0)
    lk_work(LK_HOLD_NS);
  return 0;
}

static void once_body(void *a)
{
  (void)a;
  pthread_once(&once, init_routine);
  lk_unlocked();
}

static void phdr_body(void *a)
{
  (void)a;
  dl_iterate_phdr(each, NULL);
  lk_unlocked();
}

static void *other(void *a)
{
  (void)a;
  pthread_once(&once, init_routine);
  return NULL;
}

static void run(void (*fn)(void *))
{
  cp_scope *s = cp_scope_create();
  lk_after = 0;
  lk_started_at = cp_now();
  cp_scope_set_deadline(s, lk_started_at + LK_DEADLINE_NS);
  int r = cp_scope_run(s, fn, NULL);
  int64_t back = cp_now();
  LK_CHECK(r == -1 && errno == ECANCELED && cp_scope_cancelled_caught(s));
  LK_CHECK(lk_after && lk_unlocked_at - lk_started_at >= LK_HOLD_NS);
  LK_CHECK(back - lk_unlocked_at <= LK_LAND_NS);
  cp_scope_destroy(s);
}

int main(void)
{
  alarm(30);
  setvbuf(stdout, NULL, _IONBF, 0);
  run(once_body);
  pthread_t t;
  LK_CHECK(inited && pthread_create(&t, NULL, other, NULL) == 0 && pthread_join(t, NULL) == 0);
  printf("pthread_once: routine ran to its end, cancelled after, once done\n");
  run(phdr_body);
  int n = calls;
  dl_iterate_phdr(each, NULL);
  LK_CHECK(calls > n);
  printf("dl_iterate_phdr: callback ran to its end, cancelled after, loader free\n");
  return 0;
}
