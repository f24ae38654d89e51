// A request on a scope reaches only threads inside some scope: a thread that
// has nothing to do with scopes is never signalled by it, so its plain poll()
// (which returns EINTR on any handled signal, SA_RESTART or not) is never
// interrupted (Go's lesson: no EINTR in code that never expected it).  The
// cancelled scope's own thread, asleep in cp_sleep_until when it is
// cancelled, is woken by the signal each time.  So too after
// more threads than the runtime's registry has slots have run in scopes and
// ended (churn: each gives its slot back when it exits).
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
// RUN: %t churn | FileCheck %s
// RUN: env CANCELPOINTS_STATS=1 %t 2>&1 | FileCheck --check-prefix=STATS %s
// CHECK: scopes cancelled: 100 of 100
// CHECK-NEXT: unrelated thread: polls 0 interrupted
// STATS: cancelpoints: stats: signals={{[1-9][0-9][0-9]+}} resets=0 chaos_sent=0 requests=100
#include <cancelpoints.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static _Atomic int done, started, interrupted, polls;

static void *unrelated(void *arg)
{
  (void)arg;
  while (!done) {
    if (poll(NULL, 0, 2) < 0 && errno == EINTR)
      interrupted++;
    polls++;
  }
  return NULL;
}

/* Waits in the kernel: only the reset signal can end the wait, so every
 * request is signalled (none is taken by a poll that saw the nudge). */
static void spin(void *arg)
{
  (void)arg;
  started = 1;
  cp_sleep_until(cp_now() + 60 * 1000000000LL);
}

/* Is the initial thread asleep in the kernel (state S in /proc)? */
static int main_sleeps(void)
{
  char buf[512];
  FILE *f = fopen("/proc/self/stat", "r");
  size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
  if (f)
    fclose(f);
  buf[n] = 0;
  char *p = strrchr(buf, ')');
  return p && p[1] == ' ' && p[2] == 'S';
}

static void *canceller(void *arg)
{
  while (!started || !main_sleeps()) {
  }
  cp_scope_cancel(arg);
  return NULL;
}

static void *short_lived(void *arg)
{
  (void)arg;
  return NULL;
}

/* 3000 threads, one at a time, each in a scope (cp_thread_create). */
static void churn(void)
{
  cp_scope *s = cp_scope_create();
  for (int i = 0; i < 3000; i++) {
    pthread_t t;
    if (cp_thread_create(s, &t, short_lived, NULL) || pthread_join(t, NULL))
      exit(1);
  }
  cp_scope_destroy(s);
}

int main(int argc, char **argv)
{
  alarm(60); /* a broken runtime must fail, not hang */
  pthread_t u, c;
  if (argc > 1)
    churn();
  if (pthread_create(&u, NULL, unrelated, NULL))
    return 1;
  while (polls < 3) {
  }
  int ok = 0;
  for (int i = 0; i < 100; i++) {
    cp_scope *s = cp_scope_create();
    started = 0;
    if (pthread_create(&c, NULL, canceller, s))
      return 1;
    ok += cp_scope_run(s, spin, NULL) == -1 && errno == ECANCELED;
    pthread_join(c, NULL);
    cp_scope_destroy(s);
  }
  done = 1;
  pthread_join(u, NULL);
  printf("scopes cancelled: %d of 100\n", ok);
  printf("unrelated thread: polls %d interrupted\n", (int)interrupted);
  return 0;
}
