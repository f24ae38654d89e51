// A request on the root nudges the process's initial thread: at a poll it
// delivers from its poll word, without the reset signal.  Here the signal is
// blocked in every thread, so the nudge is the only way the request can
// reach the loop; without it the alarm ends the program.
// RUN: %cpcc -O2 %s -o %t
// RUN: sh -c '%t; echo "exit=$?"' 2>&1 | FileCheck %s
// CHECK: cancelpoints: cancelled by cp_cancel_process in main
// CHECK-NEXT: exit=130
#include <cancelpoints.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

static _Atomic int looping;
static volatile unsigned long sink;

static void *requester(void *arg)
{
  (void)arg;
  while (!looping)
    ;
  cp_cancel_process();
  return NULL;
}

static void too_late(int sig)
{
  (void)sig;
  static const char m[] = "not cancelled: the nudge did not reach the poll\n";
  syscall(SYS_write, 2, m, sizeof m - 1); /* not write(): a point */
  _exit(1);
}

int main(void)
{
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGURG); /* the reset signal: never delivered */
  pthread_sigmask(SIG_BLOCK, &m, NULL);
  signal(SIGALRM, too_late);
  alarm(30); /* generous: a nudge lands in microseconds */
  pthread_t t;
  pthread_create(&t, NULL, requester, NULL);
  for (unsigned long i = 0;; i++) {
    looping = 1;
    sink = i; /* a loop with effects: a poll at its header */
  }
}
