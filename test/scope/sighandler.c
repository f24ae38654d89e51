// cp_scope_cancel is async-signal-safe: a SIGUSR1 handler cancels the scope
// a loop runs in; the scope catches it, the program goes on; twice.
// UNSUPPORTED under TSan: TSan runs a signal's handler only when the thread
// enters one of its interceptors: the reset signal never reaches a thread
// that computes or waits in the runtime's own system call.
// UNSUPPORTED: tsan
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
// RUN: env CANCELPOINTS_CHAOS=500 %t | FileCheck %s
#include "Inputs/st.h"
#include <signal.h>

static cp_scope *volatile cur;
static int fds[2];

static void on_usr1(int sig)
{
  (void)sig;
  cp_scope_cancel(cur);
}

static void body(void *a)
{
  (void)a;
  ST_CHECK(write(fds[1], "r", 1) == 1);
  st_spin();
}

static void *sender(void *a)
{
  (void)a;
  char c;
  for (int i = 0; i < 2; i++) {
    ST_CHECK(read(fds[0], &c, 1) == 1);
    kill(getpid(), SIGUSR1);
  }
  return NULL;
}

int main(void)
{
  alarm(20);
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGUSR1, on_usr1);
  ST_CHECK(pipe(fds) == 0);
  pthread_t t;
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &m, NULL); /* the sender does not take it */
  ST_CHECK(pthread_create(&t, NULL, sender, NULL) == 0);
  pthread_sigmask(SIG_UNBLOCK, &m, NULL);
  for (int i = 0; i < 2; i++) {
    cp_scope *s = cp_scope_create();
    cur = s;
    int r = cp_scope_run(s, body, NULL);
    printf("run %d: %d caught %d cause %d\n", i, r, cp_scope_cancelled_caught(s), cp_scope_cancel_cause(s));
    cur = NULL;
    cp_scope_destroy(s);
  }
  pthread_join(t, NULL);
  printf("done\n");
  return 0;
}
// CHECK: run 0: -1 caught 1 cause 1
// CHECK-NEXT: run 1: -1 caught 1 cause 1
// CHECK-NEXT: done
