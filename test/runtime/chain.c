// A handler of the reset signal installed before the runtime's constructor
// gets the signals that are not the runtime's, and only those.
// RUN: %clang -O2 %rt_cflags %s %rt_libs -o %t
// RUN: %t | FileCheck %s
// RUN: %clang -O2 -DPLAIN %rt_cflags %s %rt_libs -o %t.plain
// RUN: %t.plain | FileCheck %s
#include <cancelpoints.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int calls, last_code;

#ifdef PLAIN
static void mine(int sig) { calls++; last_code = sig == SIGURG ? SI_USER : -1000; }
#else
static void mine(int sig, siginfo_t *si, void *uc)
{
  (void)sig;
  (void)uc;
  calls++;
  last_code = si->si_code;
}
#endif

/* Runs before the runtime's constructor (default priority). */
__attribute__((constructor(101))) static void install_mine(void)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
#ifdef PLAIN
  sa.sa_handler = mine;
#else
  sa.sa_sigaction = mine;
  sa.sa_flags = SA_SIGINFO;
#endif
  sigaction(SIGURG, &sa, NULL);
}

int main(void)
{
  alarm(60); /* a broken runtime must fail, not hang */
  struct sigaction cur;
  sigaction(SIGURG, NULL, &cur);
  // CHECK: runtime's handler installed: yes
  printf("runtime's handler installed: %s\n",
         (cur.sa_flags & SA_SIGINFO) && (void *)cur.sa_sigaction != (void *)mine ? "yes" : "no");
  kill(getpid(), SIGURG);
  // CHECK-NEXT: after kill: calls=1 si_code=SI_USER
  printf("after kill: calls=%d si_code=%s\n", calls, last_code == SI_USER ? "SI_USER" : "other");
  cp_cancel_process(); /* tgkill(SIGURG) to every thread, this one too */
  // CHECK-NEXT: after cp_cancel_process: calls=1 cp_check=-1
  printf("after cp_cancel_process: calls=%d cp_check=%d\n", calls, cp_check());
  return 0;
}
