// The example: a scope's deadline passes while its body holds a
// mutex around a long loop.  The request is held until the unlock, lands
// within a few ms of it at the next point, the work after the unlock is
// reached, and the mutex is free after each cancelled run (the second run
// does not deadlock).  A thread of the scope (cp_thread_create) does the
// same, and main takes the mutex after it.
// RUN: %cpcc -O0 -g %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %cpcc -O2 -g %s -o %t.O2
// RUN: %t.O2 | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=500 CANCELPOINTS_STATS=1 %t.O2 2> %t.chaos.err | FileCheck %s
// RUN: FileCheck --check-prefix=CHAOS %s < %t.chaos.err
// CHAOS: cancelpoints: stats: signals={{[0-9]+}} resets={{[0-9]+}} chaos_sent={{[1-9][0-9]*}}
// RUN: %cpcc -O2 -g -Rpass=cancelpoints -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// CHECK: mutex run 0: cancelled after the unlock, lock free
// CHECK-NEXT: mutex run 1: cancelled after the unlock, lock free
// CHECK-NEXT: mutex run 2: cancelled after the unlock, lock free
// CHECK-NEXT: thread: cancelled after the unlock, joined, lock free
// REMARK: remark: call to 'pthread_mutex_lock' records its lock inline: requests are held while the lock is
// REMARK: remark: call to 'pthread_mutex_unlock' drops its lock's record inline: the lock's hold ends
#include "Inputs/lk.h"

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void work(void *arg)
{
  (void)arg;
  pthread_mutex_lock(&m);
  lk_work(LK_HOLD_NS);
  pthread_mutex_unlock(&m);
  lk_unlocked();
}

static void *thread_work(void *arg)
{
  work(arg);
  return NULL;
}

static int take(void) { return pthread_mutex_trylock(&m); }
static void give(void) { pthread_mutex_unlock(&m); }

int main(void)
{
  alarm(30);
  setvbuf(stdout, NULL, _IONBF, 0);
  lk_held("mutex", work, NULL, take, give);

  cp_scope *s = cp_scope_create();
  pthread_t t;
  void *ret;
  lk_after = 0;
  lk_started_at = cp_now();
  cp_scope_set_deadline(s, lk_started_at + LK_DEADLINE_NS);
  LK_CHECK(cp_thread_create(s, &t, thread_work, NULL) == 0);
  LK_CHECK(pthread_join(t, &ret) == 0 && ret == PTHREAD_CANCELED);
  LK_CHECK(lk_after && lk_unlocked_at - lk_started_at >= LK_HOLD_NS);
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  cp_scope_destroy(s);
  printf("thread: cancelled after the unlock, joined, lock free\n");
  return 0;
}
