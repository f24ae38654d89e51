// Thread groups: threads spawned in a scope (spinning in implicit points,
// in armed regions, in cp_check loops) all end soon after its cancellation
// (bound 2 s, for a machine loaded many times over, times st_bound's scale
// under emulation; the measured time goes to stderr);
// pthread_join gives PTHREAD_CANCELED; cp_scope_join times out with
// ETIMEDOUT while they run; cp_scope_shutdown(s, 10 ms) is libdill's
// bundle_cancel(b, 10): workers that honour the graceful request finish,
// the others are cut off after 10 ms.
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the thread
// enters one of its interceptors: the reset signal never reaches a thread
// that computes or waits in the runtime's own system call.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t 2>&1 | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=500 %t 2>&1 | FileCheck %s
#include "Inputs/st.h"

#define N 6
static _Atomic int started, finished_gracefully;

static void *spinner(void *a)
{
  started++;
  switch ((long)a % 3) {
  case 0:
    st_spin();
  case 1:
    st_spin_armed();
  default:
    while (cp_check() == 0) {
    }
    return (void *)2;
  }
}

static void *polite(void *a)
{
  (void)a;
  started++;
  while (cp_check_graceful() == 0) {
  }
  finished_gracefully++;
  return NULL;
}

int main(void)
{
  alarm(20);
  setvbuf(stdout, NULL, _IONBF, 0);
  cp_scope *s = cp_scope_create();
  pthread_t t[N];
  for (long i = 0; i < N; i++)
    ST_CHECK(cp_thread_create(s, &t[i], spinner, (void *)i) == 0);
  while (started < N)
    sched_yield();
  int r = cp_scope_join(s, cp_now() + 20000000);
  printf("join while running: %d %s\n", r, strerror(errno));
  int64_t t0 = cp_now();
  cp_scope_cancel(s);
  ST_CHECK(cp_scope_join(s, -1) == 0);
  int64_t took = cp_now() - t0;
  fprintf(stderr, "all %d threads ended %.3f ms after the cancel\n", N, st_ms(took));
  printf("ended within bound: %s\n", took < st_bound(2000000000) ? "yes" : "NO");
  int canceled = 0;
  for (int i = 0; i < N; i++) {
    void *v;
    pthread_join(t[i], &v);
    canceled += v == PTHREAD_CANCELED || v == (void *)2;
  }
  printf("joined %d\n", canceled);
  printf("caught by the scope: %d\n", cp_scope_cancelled_caught(s));
  cp_scope_destroy(s);

  /* bundle_cancel(b, 10 ms) */
  s = cp_scope_create();
  started = 0;
  for (long i = 0; i < 4; i++)
    ST_CHECK(cp_thread_create(s, NULL, i < 2 ? polite : spinner, (void *)i) == 0);
  while (started < 4)
    sched_yield();
  t0 = cp_now();
  r = cp_scope_shutdown(s, 10000000);
  took = cp_now() - t0;
  fprintf(stderr, "shutdown took %.3f ms\n", st_ms(took));
  printf("shutdown: %d, graceful finishers %d, >= grace %s, bounded %s\n", r, finished_gracefully,
         took >= 10000000 ? "yes" : "NO", took < st_bound(3000000000) ? "yes" : "NO");
  cp_scope_destroy(s);
  printf("join on a scope without threads: %d\n", cp_scope_join(s = cp_scope_create(), cp_now()));
  cp_scope_destroy(s);
  return 0;
}
// CHECK: join while running: -1 Connection timed out
// CHECK: all 6 threads ended {{.*}} ms after the cancel
// CHECK: ended within bound: yes
// CHECK-NEXT: joined 6
// CHECK-NEXT: caught by the scope: 0
// CHECK: shutdown: 0, graceful finishers 2, >= grace yes, bounded yes
// CHECK-NEXT: join on a scope without threads: 0
