// pthread_cond_wait under a deadline.  (1) The mutex is covered by a
// cleanup: the wait is cancelled, the cleanup unlocks, the mutex is free.
// (2) No cleanup: the wait is cancelled, and the thread leaves without the
// mutex it re-acquired (the runtime unlocks it: the thread leaves as it
// stood while it waited).  (3) Another lock is held around the wait: the
// request waits for it; the wait ends when signalled, and the request
// lands after the outer unlock.
// RUN: %cpcc -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// CHECK: covered: wait cancelled, cleanup ran 1, mutex free
// CHECK-NEXT: uncovered: wait cancelled, mutex free
// CHECK-NEXT: outer lock: woken after the deadline, cancelled after the unlock, both free
#include "Inputs/lk.h"

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER, outer = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int ready, cleanups, woken;

static void unlock(void *p)
{
  cleanups++;
  pthread_mutex_unlock(p);
}

static void wait_covered(void *arg)
{
  (void)arg;
  pthread_mutex_lock(&m);
  cp_cleanup_push(unlock, &m);
  while (!ready)
    pthread_cond_wait(&c, &m);
  cp_cleanup_pop(1);
}

static void wait_plain(void *arg)
{
  (void)arg;
  pthread_mutex_lock(&m);
  while (!ready)
    pthread_cond_wait(&c, &m);
  pthread_mutex_unlock(&m);
}

static void wait_in_outer(void *arg)
{
  (void)arg;
  pthread_mutex_lock(&outer);
  pthread_mutex_lock(&m);
  while (!ready)
    pthread_cond_wait(&c, &m);
  woken = 1;
  pthread_mutex_unlock(&m);
  pthread_mutex_unlock(&outer);
  lk_unlocked();
}

/* Signals the condition once the scope's deadline has passed. */
static void *signaller(void *s)
{
  while (!cp_scope_cancel_called(s))
    usleep(1000);
  usleep(20000);
  pthread_mutex_lock(&m);
  ready = 1;
  pthread_cond_broadcast(&c);
  pthread_mutex_unlock(&m);
  return NULL;
}

static void run(const char *what, void (*fn)(void *))
{
  cp_scope *s = cp_scope_create();
  cp_scope_set_deadline(s, cp_now() + LK_DEADLINE_NS);
  int r = cp_scope_run(s, fn, NULL);
  LK_CHECK(r == -1 && errno == ECANCELED && cp_scope_cancelled_caught(s));
  LK_CHECK(pthread_mutex_trylock(&m) == 0);
  pthread_mutex_unlock(&m);
  cp_scope_destroy(s);
  if (fn == wait_covered)
    printf("%s: wait cancelled, cleanup ran %d, mutex free\n", what, cleanups);
  else
    printf("%s: wait cancelled, mutex free\n", what);
}

int main(void)
{
  alarm(30);
  setvbuf(stdout, NULL, _IONBF, 0);
  run("covered", wait_covered);
  run("uncovered", wait_plain);

  cp_scope *s = cp_scope_create();
  pthread_t t;
  lk_after = 0;
  cp_scope_set_deadline(s, cp_now() + LK_DEADLINE_NS);
  LK_CHECK(pthread_create(&t, NULL, signaller, s) == 0);
  int r = cp_scope_run(s, wait_in_outer, NULL);
  int64_t back = cp_now();
  LK_CHECK(r == -1 && errno == ECANCELED && woken && lk_after);
  LK_CHECK(back - lk_unlocked_at <= LK_LAND_NS);
  LK_CHECK(pthread_mutex_trylock(&outer) == 0 && pthread_mutex_trylock(&m) == 0);
  pthread_mutex_unlock(&m);
  pthread_mutex_unlock(&outer);
  pthread_join(t, NULL);
  cp_scope_destroy(s);
  printf("outer lock: woken after the deadline, cancelled after the unlock, both free\n");
  return 0;
}
